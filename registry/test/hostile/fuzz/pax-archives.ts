/**
 * Generator of tar archives whose entry names readers may disagree on (pax local and
 * global headers, GNU long names, prefixes, sparse and unknown types, folders with data,
 * data after the end block), and the differential property: whatever Appshelf's tar
 * reader accepts, GNU tar, Python's tarfile and the Archive_Tar model list with exactly
 * the same names. Refusing is always allowed; accepting what a real reader reads otherwise
 * is the bug. Imports nothing from vitest, so `scripts/fuzz.ts` can run it.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import fc from "fast-check";
import { ArchiveError } from "../../../src/errors/archive-error.ts";
import { DEFAULT_ARCHIVE_LIMITS } from "../../../src/artifact/archive/archive-types.ts";
import { readTarGz } from "../../../src/artifact/archive/read-tar-gz.ts";
import { fuzzTarget, type FuzzTarget } from "../fuzz-target.ts";
import { paxData, rawTar, type RawHeader } from "./raw-tar.ts";
import { gnuTarList, pythonTarList, ustarModelList, type Listing } from "./real-tar-readers.ts";

const NAMES = [
  "app/appinfo/info.xml",
  "app/lib/a.php",
  "app/",
  "app/sub/",
  "other/x.txt",
  "app/ü.txt",
  `app/${"d".repeat(60)}/${"e".repeat(60)}.txt`,
  `app/${"f".repeat(140)}`,
];
const PAX_EXTRAS: readonly (readonly [string, string])[] = [
  ["comment", "hi"],
  ["mtime", "1.5"],
  ["hdrcharset", "BINARY"],
  ["GNU.sparse.size", "10"],
  ["SCHILY.xattr.user.a", "b"],
  ["foo", "bar"],
  ["uname", "root"],
];

/** One generated entry and the headers written before it. */
export interface PaxEntry {
  path: string;
  split: boolean;
  type: string;
  /** Keep what a careful writer would fix: a file named like a folder, data on a folder or link. */
  odd: boolean;
  data: string;
  paxPath: string | null;
  paxSize: string | null;
  paxExtra: readonly [string, string] | null;
  longName: string | null;
  global: readonly [string, string] | null;
  magic: "ustar" | "gnu";
}

/** `arbitrary` once in `oneIn` cases, else null. */
function sometimes<T>(arbitrary: fc.Arbitrary<T>, oneIn: number): fc.Arbitrary<T | null> {
  return fc.oneof({ arbitrary: fc.constant(null), weight: oneIn - 1 }, { arbitrary, weight: 1 });
}

/** A generated archive: entries and bytes after the end-of-archive blocks. */
export interface PaxArchive {
  entries: PaxEntry[];
  trailer: string;
}

/** Arbitrary archives mixing every header kind readers disagree on. */
export function paxArchiveArbitrary(): fc.Arbitrary<PaxArchive> {
  const name = fc.constantFrom(...NAMES);
  const entry: fc.Arbitrary<PaxEntry> = fc.record({
    path: name,
    split: fc.boolean(),
    type: fc.oneof(
      { arbitrary: fc.constantFrom("0", "5", "2", "7"), weight: 12 },
      { arbitrary: fc.constantFrom("S", "V", "K"), weight: 1 },
    ),
    odd: fc.oneof({ arbitrary: fc.constant(false), weight: 5 }, { arbitrary: fc.constant(true), weight: 1 }),
    data: fc.constantFrom("", "x", "hello\n", "p".repeat(700)),
    paxPath: sometimes(fc.oneof(fc.constant("same"), fc.constant("same"), name), 3),
    paxSize: sometimes(fc.constantFrom("same", "same", "0", "1024"), 4),
    paxExtra: sometimes(fc.constantFrom(...PAX_EXTRAS), 4),
    longName: sometimes(fc.oneof(fc.constant("same"), fc.constant("same"), fc.constant("mismatch"), name), 4),
    global: sometimes(
      fc.constantFrom<readonly [string, string]>(
        ["path", "app/appinfo/info.xml"],
        ["comment", "x"],
        ["mtime", "1"],
        ["linkpath", "y"],
      ),
      6,
    ),
    magic: fc.constantFrom<"ustar" | "gnu">("ustar", "ustar", "ustar", "gnu"),
  });
  return fc.record({
    entries: fc.array(entry, { minLength: 1, maxLength: 3 }),
    trailer: fc.constantFrom("", "", "", "", "", "PK\u0003\u0004 zip"),
  });
}

/** The headers of a generated archive, written as a careless or hostile writer would. */
export function paxArchiveBytes(archive: PaxArchive): Buffer {
  const headers: RawHeader[] = [];
  for (const entry of archive.entries) {
    if (entry.global) headers.push({ name: "pax_global_header", type: "g", data: paxData([entry.global]) });
    const records: [string, string][] = [];
    if (entry.paxPath !== null) records.push(["path", entry.paxPath === "same" ? entry.path : entry.paxPath]);
    if (entry.paxSize !== null)
      records.push(["size", entry.paxSize === "same" ? String(Buffer.byteLength(entry.data)) : entry.paxSize]);
    // (a "same" size is the generated data's length: for a folder whose data is dropped below, it differs: also a case worth reading)
    if (entry.paxExtra) records.push([...entry.paxExtra]);
    if (records.length > 0)
      headers.push({ name: `PaxHeaders/${entry.path.slice(0, 80)}`, type: "x", data: paxData(records) });
    let ustarName = entry.path;
    if (entry.longName !== null) {
      const long = entry.longName === "same" || entry.longName === "mismatch" ? entry.path : entry.longName;
      headers.push({ name: "././@LongLink", type: "L", data: `${long}\u0000`, magic: "gnu" });
      ustarName = entry.longName === "mismatch" ? "app/elsewhere" : long.slice(0, 99);
    }
    const type = entry.odd ? entry.type : entry.path.endsWith("/") ? "5" : entry.type === "5" ? "0" : entry.type;
    const data = entry.odd || type === "0" || type === "7" ? entry.data : "";
    const bytes = Buffer.from(ustarName);
    const slash = ustarName.indexOf("/");
    const canSplit =
      entry.split &&
      entry.magic === "ustar" &&
      slash > 0 &&
      slash < 155 &&
      slash < bytes.length - 1 &&
      bytes.length - slash - 1 <= 100;
    const fieldName = canSplit
      ? ustarName.slice(slash + 1)
      : Buffer.from(bytes.subarray(0, 100))
          .toString("utf8")
          .replace(/\uFFFD$/, "");
    headers.push({
      name: fieldName,
      prefix: canSplit ? ustarName.slice(0, slash) : "",
      type,
      data,
      linkname: type === "2" ? "target" : "",
      magic: entry.magic,
    });
  }
  return rawTar(headers, Buffer.from(archive.trailer));
}

/** Names Appshelf's tar reader gives (trailing `/` removed), or its refusal. */
export async function appshelfTarList(tar: Buffer): Promise<Listing & { ruleId?: string }> {
  try {
    const entries = await readTarGz(gzipSync(tar), { ...DEFAULT_ARCHIVE_LIMITS, isolation: "inline" });
    return { ok: true, names: entries.map((entry) => entry.path.replace(/\/+$/, "")) };
  } catch (error) {
    if (!(error instanceof ArchiveError)) throw error;
    return { ok: false, error: error.message, ruleId: error.ruleId };
  }
}

/** Rule ids the tar reader may refuse a generated archive with. */
export const TAR_RULES = new Set([
  "archive/ambiguous-entry",
  "archive/sparse",
  "archive/entry-type",
  "archive/corrupt",
  "archive/unsafe-path",
]);

/** Runs every reader on one archive; throws when Appshelf accepted what a real reader lists differently. */
export async function compareTarReaders(tar: Buffer, dir: string): Promise<{ accepted: boolean }> {
  const ours = await appshelfTarList(tar);
  if (!ours.ok) {
    if (!TAR_RULES.has(ours.ruleId ?? ""))
      throw new Error(`refused with an unexpected rule ${ours.ruleId}: ${ours.error}`);
    return { accepted: false };
  }
  const file = path.join(dir, "case.tar");
  writeFileSync(file, tar);
  const readers: Record<string, Listing> = {
    "GNU tar": gnuTarList(file),
    "Python tarfile": pythonTarList(file),
    "Archive_Tar model": ustarModelList(tar),
  };
  for (const [reader, listing] of Object.entries(readers)) {
    if (!listing.ok)
      throw new Error(`Appshelf accepted ${JSON.stringify(ours.names)}, ${reader} failed: ${listing.error}`);
    if (JSON.stringify(listing.names) !== JSON.stringify(ours.names))
      throw new Error(`Appshelf lists ${JSON.stringify(ours.names)}, ${reader} lists ${JSON.stringify(listing.names)}`);
  }
  return { accepted: true };
}

let workDir: string | undefined;

/** A temp folder for the cases' tar files, made once per process and removed at exit. */
function caseDir(): string {
  if (!workDir) {
    const dir = mkdtempSync(path.join(tmpdir(), "appshelf-pax-"));
    process.once("exit", () => rmSync(dir, { recursive: true, force: true }));
    workDir = dir;
  }
  return workDir;
}

/** The pax-archive target for `npm run fuzz` and `fuzz.test.ts` (spawns `tar` and `python3` per accepted case). */
export const paxFuzzTargets: readonly FuzzTarget[] = [
  fuzzTarget(
    "pax",
    "tar archives with pax local/global headers, GNU long names, prefixes, sparse and odd types: whatever Appshelf accepts, GNU tar, Python's tarfile and the Archive_Tar model list with the same names",
    { cost: 5, ciRuns: 20 },
    () =>
      fc.asyncProperty(
        paxArchiveArbitrary(),
        async (archive) => void (await compareTarReaders(paxArchiveBytes(archive), caseDir())),
      ),
  ),
];
