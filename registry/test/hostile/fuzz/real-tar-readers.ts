/**
 * The real tar readers a differential test compares Appshelf with (test-only): the GNU
 * `tar` binary and Python's `tarfile`, each run on a tar file, plus a model of PHP's
 * Archive_Tar (Nextcloud's installer), which reads the ustar name (prefix joined) and GNU
 * long names, skips pax headers (`x`, `g`) and nameless headers (not their data), and reads
 * a folder's size as 0 (pear/Archive_Tar `_extractList`, `_readHeader`).
 */
import { spawnSync } from "node:child_process";
import { BLOCK, isZeroBlock, readTarHeader, ustarPath } from "../../../src/artifact/archive/tar-header-fields.ts";

/** What one reader listed: the entry names (trailing `/` removed, as Python does), or its failure. */
export type Listing = { ok: true; names: string[] } | { ok: false; error: string };

const PYTHON_LIST = `
import sys, tarfile, json
try:
    with tarfile.open(sys.argv[1], "r:") as archive:
        print(json.dumps({"ok": True, "names": archive.getnames()}))
except Exception as error:
    print(json.dumps({"ok": False, "error": repr(error)}))
`;

/** Names as GNU `tar -tf` lists them; a non-zero exit or anything on stderr (warnings included) counts as a failure. */
export function gnuTarList(file: string): Listing {
  const run = spawnSync("tar", ["--quoting-style=literal", "-tf", file], {
    encoding: "utf8",
    env: { ...process.env, LC_ALL: "C.UTF-8" },
  });
  if (run.status !== 0 || run.stderr.trim() !== "") return { ok: false, error: `${run.status}: ${run.stderr.trim()}` };
  return { ok: true, names: lines(run.stdout).map(trimSlash) };
}

/** Names as Python's `tarfile.open(...).getnames()` lists them. */
export function pythonTarList(file: string): Listing {
  const run = spawnSync("python3", ["-c", PYTHON_LIST, file], { encoding: "utf8" });
  if (run.status !== 0) return { ok: false, error: run.stderr };
  const listing = JSON.parse(run.stdout) as Listing;
  return listing.ok ? { ok: true, names: listing.names.map(trimSlash) } : listing;
}

/** Names as PHP's Archive_Tar reads them (a model: prefix/name, GNU `L`, pax headers skipped, folders' size read as 0). */
export function ustarModelList(tar: Buffer): Listing {
  const names: string[] = [];
  let offset = 0;
  let longName: string | undefined;
  try {
    while (offset + BLOCK <= tar.length) {
      const block = tar.subarray(offset, offset + BLOCK);
      if (isZeroBlock(block)) break;
      const header = readTarHeader(block, offset);
      const size = header.type === "5" ? 0 : header.size;
      const data = tar.subarray(offset + BLOCK, offset + BLOCK + size);
      offset += BLOCK + Math.ceil(size / BLOCK) * BLOCK;
      if (header.name.length === 0 && header.prefix.length === 0) {
        offset -= Math.ceil(size / BLOCK) * BLOCK; // Archive_Tar skips a nameless header but not its data
        continue;
      }
      if (header.type === "L") {
        longName = data.toString("utf8").replace(/\u0000+$/, "");
        continue;
      }
      if (header.type === "x" || header.type === "g" || header.type === "K") continue;
      names.push(trimSlash(longName ?? ustarPath(header).toString("utf8")));
      longName = undefined;
    }
    return { ok: true, names };
  } catch (error) {
    return { ok: false, error: String(error) };
  }
}

function lines(text: string): string[] {
  return text.split("\n").filter((line) => line !== "");
}

function trimSlash(name: string): string {
  return name.replace(/\/+$/, "");
}
