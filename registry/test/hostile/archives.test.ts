import { existsSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_ARCHIVE_LIMITS, type ArchiveLimits } from "../../src/artifact/archive/archive-types.ts";
import { readArchive } from "../../src/artifact/archive/read-archive.ts";
import { inspectArtifact } from "../../src/artifact/inspect/inspect-artifact.ts";
import { inputFor } from "../inspect/nextcloud-archives.ts";
import { formatDiagnostic } from "../../src/report/format-text.ts";
import { corpusEntries, corpusFile, longNamed, tarGzOf, tarOf, zipOf, type TarEntry } from "./hostile-archives.ts";

/**
 * Archives (issue 9): every attack is mixed into a real release archive from
 * `../shared/corpus` (Nextcloud Notes 6.0.2) and read with `readArchive` as the inspectors
 * read it (in the worker, default limits unless a test says otherwise).
 */
const LABEL = "notes-6.0.2.tar.gz";
let notes: TarEntry[];
beforeAll(async () => {
  notes = await corpusEntries("nextcloud/archives/notes-6.0.2.tar.gz");
});

/** The rule ids `readArchive` refuses `bytes` with (empty when it accepts them). */
async function refusals(
  bytes: Buffer,
  limits: ArchiveLimits = DEFAULT_ARCHIVE_LIMITS,
  accepted: readonly ("tar.gz" | "zip")[] = ["tar.gz", "zip"],
): Promise<string[]> {
  const { archive, diagnostics } = await readArchive(bytes, LABEL, accepted, limits);
  expect(archive === undefined).toBe(diagnostics.length > 0);
  return [...new Set(diagnostics.map((d) => d.ruleId))];
}

/** The real archive with `extra` entries appended. */
const withNotes = (...extra: TarEntry[]): Buffer => tarGzOf([...notes, ...extra]);

describe("archives: paths and entry types", () => {
  it("accepts the real archive rebuilt from its entries (the base every attack mutates)", async () => {
    expect(await refusals(withNotes())).toEqual([]);
  });

  it.each([
    ["a '..' path", "notes/../../evil.php"],
    ["a leading '..'", "../notes/appinfo/evil.php"],
    ["an absolute path", "/etc/cron.d/appshelf"],
    ["a Windows drive path", "C:/Windows/evil.dll"],
    ["backslashes", "notes\\..\\..\\evil.php"],
    ["a newline that would forge a log line", "notes/x\n::error file=apps/wordpress/app.yaml::forged"],
  ])("refuses %s with archive/unsafe-path", async (_name, entryPath) => {
    const { diagnostics } = await readArchive(
      withNotes({ path: entryPath, data: "<?php system($_GET['c']);" }),
      LABEL,
      ["tar.gz"],
    );
    expect(diagnostics.map((d) => d.ruleId)).toEqual(["archive/unsafe-path"]);
    expect(formatDiagnostic(diagnostics[0]!).split("\n")).toHaveLength(1);
  });

  it.each([
    [
      "a symlink to /etc/passwd",
      { path: "notes/passwd", type: "SymbolicLink", linkpath: "/etc/passwd" },
      "archive/link",
    ],
    [
      "a symlink climbing out",
      { path: "notes/lib/up", type: "SymbolicLink", linkpath: "../../../../home" },
      "archive/link",
    ],
    [
      "a hardlink to a file outside",
      { path: "notes/shadow", type: "Link", linkpath: "../../etc/shadow" },
      "archive/link",
    ],
    ["a character device", { path: "notes/null", type: "CharacterDevice" }, "archive/device"],
    ["a block device", { path: "notes/sda", type: "BlockDevice" }, "archive/device"],
    ["a FIFO", { path: "notes/fifo", type: "FIFO" }, "archive/device"],
    [".git folders", { path: "notes/.git/hooks/post-checkout", data: "#!/bin/sh\n" }, "archive/git-folder"],
  ] as const)("refuses %s", async (_name, entry, ruleId) => {
    expect(await refusals(withNotes(entry))).toEqual([ruleId]);
  });

  it("refuses paths longer than PATH_MAX, and long-name headers too large to read (tar would skip them and rename the next entry)", async () => {
    expect(await refusals(withNotes(...longNamed(`notes/${"a/".repeat(2100)}x`)))).toEqual(["archive/unsafe-path"]);
    expect(await refusals(withNotes(...longNamed(`notes/${"b".repeat(70 * 1024)}`)))).toEqual(["archive/corrupt"]);
  });

  it("refuses a duplicate entry: tar would let the second info.xml replace the checked one", async () => {
    const info = notes.find((e) => e.path === "notes/appinfo/info.xml");
    expect(info).toBeDefined();
    const { diagnostics } = await readArchive(
      withNotes({ path: "notes/appinfo/info.xml", data: "<info><id>evil</id></info>" }),
      LABEL,
      ["tar.gz"],
    );
    expect(diagnostics).toEqual([
      expect.objectContaining({ ruleId: "archive/duplicate-entry", file: `${LABEL}!notes/appinfo/info.xml` }),
    ]);
  });

  it.each([
    ["letter case (one file on macOS and Windows)", ["notes/appinfo/INFO.xml"]],
    [
      "Unicode normalisation (NFD and NFC of one name)",
      ["notes/appinfo/cafe\u0301.txt", "notes/appinfo/caf\u00e9.txt"],
    ],
    ["a file used as a folder", ["notes/appinfo/info.xml/evil.php"]],
  ])("refuses entries that collide by %s", async (_name, paths) => {
    expect(await refusals(withNotes(...paths.map((p) => ({ path: p, data: "x" }))))).toEqual([
      "archive/duplicate-entry",
    ]);
  });

  it("zip: refuses '..' and absolute names, symlinks by Unix mode, and a local header that names another file", async () => {
    expect(await refusals(zipOf([{ name: "notes/" }, { name: "notes/../../evil.php", data: "x" }]))).toEqual([
      "archive/unsafe-path",
    ]);
    expect(await refusals(zipOf([{ name: "/etc/evil", data: "x" }]))).toEqual(["archive/unsafe-path"]);
    expect(await refusals(zipOf([{ name: "notes/info.xml\u0000.png", data: "x" }]))).toEqual(["archive/unsafe-path"]);
    expect(await refusals(zipOf([{ name: "notes/link", data: "/etc/passwd", mode: 0o120777 }]))).toEqual([
      "archive/link",
    ]);
    expect(await refusals(zipOf([{ name: "notes/fifo", mode: 0o010644 }]))).toEqual(["archive/device"]);
    expect(await refusals(zipOf([{ name: "notes/ok.txt", localName: "../../evi.txt", data: "x" }]))).toEqual([
      "archive/corrupt",
    ]);
    expect(
      await refusals(
        zipOf([
          { name: "notes/a.txt", data: "1" },
          { name: "notes/a.txt", data: "2" },
        ]),
      ),
    ).toEqual(["archive/duplicate-entry"]);
  });
});

describe("archives: bombs and caps", () => {
  /** A gzip stream of `mib` MiB of zeros after `head`, as repeated gzip members (tiny on disk). */
  const zeroBomb = (head: Buffer, mib: number): Buffer => {
    const member = gzipSync(Buffer.alloc(1024 * 1024));
    return Buffer.concat([gzipSync(head), ...Array.from({ length: mib }, () => member)]);
  };

  it("stops a tiny gzip that unpacks one file to 110 MiB at the 100 MiB content cap (tar's own guard is only a 1000:1 ratio)", async () => {
    const header = tarOf([{ path: "notes/big.bin", data: Buffer.alloc(0) }]).subarray(0, 512);
    header.write((110 * 1024 * 1024).toString(8).padStart(11, "0"), 124, "ascii");
    const sum = [...header.subarray(0, 148), ...Buffer.from("        "), ...header.subarray(156)].reduce(
      (a, b) => a + b,
      0,
    );
    header.write(`${sum.toString(8).padStart(6, "0")}\u0000 `, 148, "ascii");
    const bomb = zeroBomb(header, 110);
    expect(bomb.length).toBeLessThan(200 * 1024);
    expect(await refusals(bomb)).toEqual(["archive/too-large"]);
  });

  it("stops a tiny gzip of endless zero blocks at the cap on the decompressed tar stream", async () => {
    expect(await refusals(zeroBomb(Buffer.alloc(0), 130))).toEqual(["archive/too-large"]);
  });

  it("stops an entry-count bomb at the entry limit", async () => {
    const many = Array.from({ length: DEFAULT_ARCHIVE_LIMITS.maxEntries + 1 }, (_, i) => ({
      path: `notes/f${i}`,
      data: "",
    }));
    expect(await refusals(tarGzOf(many))).toEqual(["archive/too-many-entries"]);
  });

  it("zip: refuses an entry whose declared size passes the cap before inflating it", async () => {
    const small: ArchiveLimits = { ...DEFAULT_ARCHIVE_LIMITS, maxUnpackedBytes: 1000 };
    expect(await refusals(zipOf([{ name: "notes/a.bin", data: Buffer.alloc(5000), deflate: true }]), small)).toEqual([
      "archive/too-large",
    ]);
  });

  it("ends a read past the time limit with archive/timeout, then serves the next archive with a fresh worker", async () => {
    // 96 MiB of zeros (under the 100 MiB cap) keeps the worker busy far longer than 10 ms, so
    // the outcome does not depend on how fast this machine is or how loaded it is.
    const slow = tarGzOf([{ path: "notes/zeros.bin", data: Buffer.alloc(96 * 1024 * 1024) }]);
    expect(await refusals(slow, { ...DEFAULT_ARCHIVE_LIMITS, timeoutMs: 10 })).toEqual(["archive/timeout"]);
    expect(await refusals(withNotes())).toEqual([]);
  });

  it("ends a read past the heap limit with archive/resources, without crashing the process", async () => {
    // 9 000 entries named by 4 000-character long-name records: ~36 MB of path strings, in a 32 MiB heap.
    const many = tarGzOf(
      Array.from({ length: 9000 }, (_, i) => longNamed(`notes/${String(i).padStart(4000, "d")}`)).flat(),
    );
    expect(await refusals(many, { ...DEFAULT_ARCHIVE_LIMITS, maxHeapMb: 32 })).toEqual(["archive/resources"]);
    expect(await refusals(withNotes())).toEqual([]);
  });
});

describe("archives: corrupt data and wrong formats", () => {
  const real = () => corpusFile("nextcloud/archives/notes-6.0.2.tar.gz");

  it("refuses truncated and bit-flipped gzip", async () => {
    const bytes = real();
    expect(await refusals(bytes.subarray(0, Math.floor(bytes.length / 2)))).toEqual(["archive/corrupt"]);
    const flipped = Buffer.from(bytes);
    for (let i = 200; i < flipped.length; i += 997) flipped[i] = (flipped[i] ?? 0) ^ 0xff;
    expect(await refusals(flipped)).toEqual(["archive/corrupt"]);
  });

  it("refuses a tar.gz with a zip appended (a polyglot other tools would read as the zip), also after a NUL that zlib stops at silently", async () => {
    const zip = zipOf([{ name: "notes/evil.php", data: "x" }]);
    expect(await refusals(Buffer.concat([real(), zip]))).toEqual(["archive/corrupt"]);
    expect(await refusals(Buffer.concat([real(), Buffer.alloc(1), zip]))).toEqual(["archive/corrupt"]);
  });

  it("refuses a gzip holding another compressed stream", async () => {
    expect(await refusals(gzipSync(gzipSync(tarOf(notes))))).toEqual(["archive/corrupt"]);
  });

  it("a zip posing as a Helm chart, a plain tar and random bytes are not tar.gz: archive/format", async () => {
    const zip = zipOf([{ name: "harbor/Chart.yaml", data: "name: harbor" }]);
    expect(await refusals(zip, DEFAULT_ARCHIVE_LIMITS, ["tar.gz"])).toEqual(["archive/format"]);
    expect(await refusals(tarOf(notes))).toEqual(["archive/format"]);
    expect(await refusals(Buffer.from("PK\u0003\u0004 but not really a zip"))).toEqual(["archive/corrupt"]);
    expect(await refusals(Buffer.from("#!/bin/sh\nrm -rf /\n"))).toEqual(["archive/format"]);
  });

  it("a tar.gz posing as a zip is read as what its bytes are, not what its name says", async () => {
    const { archive } = await readArchive(withNotes(), "notes-6.0.2.zip", ["tar.gz", "zip"]);
    expect(archive?.format).toBe("tar.gz");
  });
});

describe("archives: inspection", () => {
  it("refuses more than one top-level folder in a Nextcloud app", async () => {
    const bytes = withNotes({ path: "evil/", type: "Directory" }, { path: "evil/payload.php", data: "<?php" });
    const result = await inspectArtifact(await inputFor("notes", "6.0.2", bytes, LABEL));
    expect(result.diagnostics.map((d) => d.ruleId)).toEqual(["nextcloud/top-folder"]);
    expect(result.metadata).toBeUndefined();
  });

  it("never writes anything: the targets of '..', absolute and link entries do not exist afterwards", async () => {
    const marker = `appshelf-hostile-${process.pid}-${Date.now()}`;
    const absolute = path.join("/tmp", marker, "pwned");
    const relative = path.join("..", "..", marker);
    const bytes = withNotes(
      { path: absolute, data: "x" },
      { path: `notes/${relative}`, data: "x" },
      { path: "notes/l", type: "SymbolicLink", linkpath: `/tmp/${marker}-link` },
    );
    const result = await inspectArtifact(await inputFor("notes", "6.0.2", bytes, LABEL));
    expect([...new Set(result.diagnostics.map((d) => d.ruleId))].sort()).toEqual([
      "archive/link",
      "archive/unsafe-path",
    ]);
    for (const target of [
      absolute,
      path.resolve(process.cwd(), "notes", relative),
      path.resolve(relative),
      `/tmp/${marker}-link`,
    ])
      expect(existsSync(target)).toBe(false);
  });
});
