import { createHash } from "node:crypto";
import { lstatSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { RefusalError } from "../errors/appshelf-error.ts";

/**
 * What the signing job checks before it signs (issue 13, class 13), with Node's built-ins
 * only, so the job that holds the key installs nothing: the built folder holds only
 * regular files and folders (no link, device or FIFO anywhere); `index.json` is a JSON
 * object with a positive integer `serial` and an `expires` in the future; and every file it
 * pins, directly or through the files it pins (bins, shards, the catalog: any object with
 * a registry-relative `path` or `url`, a `sha256` and a `size`), is there with that SHA-256
 * and size. Paths must be plain segments inside the folder.
 */

/** Largest JSON file read while following pins, in bytes, and most files in the folder. */
const MAX_JSON_BYTES = 64 * 1024 * 1024;
const MAX_FILES = 500_000;
const SEGMENT = /^[A-Za-z0-9_~+-][A-Za-z0-9._~+-]{0,254}$/;

/** A pin found in a JSON file: a registry-relative file with its digest and, when given, size. */
interface Pin {
  file: string;
  sha256: string;
  size?: number;
  from: string;
}

function pinsIn(value: unknown, from: string, out: Pin[]): void {
  if (Array.isArray(value)) {
    for (const item of value) pinsIn(item, from, out);
    return;
  }
  if (typeof value !== "object" || value === null) return;
  const record = value as Record<string, unknown>;
  const target =
    typeof record.path === "string"
      ? record.path
      : typeof record.url === "string" && !/^[a-z][a-z0-9+.-]*:|^\/\//i.test(record.url)
        ? record.url
        : undefined;
  if (target !== undefined && typeof record.sha256 === "string") {
    out.push({
      file: target,
      sha256: record.sha256,
      ...(typeof record.size === "number" ? { size: record.size } : {}),
      from,
    });
  }
  for (const child of Object.values(record)) pinsIn(child, from, out);
}

function walk(dir: string, relative: string, count: { files: number }): void {
  for (const entry of readdirSync(path.join(dir, relative), { withFileTypes: true })) {
    const rel = relative === "" ? entry.name : `${relative}/${entry.name}`;
    if (++count.files > MAX_FILES)
      throw new RefusalError("refused/built-folder", `the built folder holds more than ${MAX_FILES} entries`);
    if (entry.isSymbolicLink())
      throw new RefusalError("refused/built-folder", `${rel} is a symbolic link; a built registry holds none`);
    if (entry.isDirectory()) walk(dir, rel, count);
    else if (!entry.isFile()) throw new RefusalError("refused/built-folder", `${rel} is not a regular file`);
  }
}

/**
 * Checks the built registry folder `dir` (see above) at time `now`.
 *
 * @returns the number of pinned files checked
 * @throws RefusalError naming the first problem: a link, a missing or changed pinned file, an unsafe path, a stale or malformed index.json
 */
export function checkBuiltFolder(dir: string, now: Date = new Date()): number {
  const top = lstatSync(dir);
  if (top.isSymbolicLink() || !top.isDirectory())
    throw new RefusalError("refused/built-folder", `${dir} is not a folder`);
  walk(dir, "", { files: 0 });
  const read = (file: string): Buffer => {
    const segments = file.split("/");
    if (!segments.every((s) => SEGMENT.test(s)))
      throw new RefusalError(
        "refused/built-folder",
        `the pinned path ${JSON.stringify(file)} is not a plain path inside the folder`,
      );
    return readFileSync(path.join(dir, ...segments));
  };
  const index = JSON.parse(read("index.json").toString("utf8")) as { serial?: unknown; expires?: unknown };
  if (typeof index !== "object" || index === null)
    throw new RefusalError("refused/built-folder", "index.json is not a JSON object");
  if (!Number.isSafeInteger(index.serial) || (index.serial as number) < 1)
    throw new RefusalError("refused/built-folder", "index.json has no positive integer serial");
  const expires = typeof index.expires === "string" ? Date.parse(index.expires) : Number.NaN;
  if (!(expires > now.getTime()))
    throw new RefusalError(
      "refused/built-folder",
      `index.json expires ${String(index.expires)}, which is not after ${now.toISOString()}`,
    );
  const queue: Pin[] = [];
  pinsIn(index, "index.json", queue);
  const checked = new Set<string>();
  while (queue.length > 0) {
    const pin = queue.shift() as Pin;
    const key = `${pin.file}\0${pin.sha256}`;
    if (checked.has(key)) continue;
    checked.add(key);
    let bytes: Buffer;
    try {
      bytes = read(pin.file);
    } catch (cause) {
      throw new RefusalError(
        "refused/built-folder",
        `${pin.from} pins ${pin.file}, which cannot be read: ${(cause as Error).message}`,
      );
    }
    const sha256 = createHash("sha256").update(bytes).digest("hex");
    if (sha256 !== pin.sha256)
      throw new RefusalError(
        "refused/built-folder",
        `${pin.file} has SHA-256 ${sha256}; ${pin.from} pins ${pin.sha256}`,
      );
    if (pin.size !== undefined && bytes.length !== pin.size)
      throw new RefusalError(
        "refused/built-folder",
        `${pin.file} is ${bytes.length} bytes; ${pin.from} pins ${pin.size}`,
      );
    if (pin.file.endsWith(".json") && bytes.length <= MAX_JSON_BYTES)
      pinsIn(JSON.parse(bytes.toString("utf8")), pin.file, queue);
  }
  return checked.size;
}
