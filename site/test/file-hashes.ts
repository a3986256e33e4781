import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";

/** SHA-256 (hex) of every file under `dir`, by path relative to it, sorted by path. */
export function hashes(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => [
        relative(dir, join(e.parentPath, e.name)),
        createHash("sha256")
          .update(readFileSync(join(e.parentPath, e.name)))
          .digest("hex"),
      ])
      .sort(([a], [b]) => (a! < b! ? -1 : 1)),
  );
}

/** Paths (relative) whose bytes differ between folders `a` and `b`, or that only one of them holds; sorted. */
export function differingFiles(a: string, b: string): string[] {
  const [left, right] = [hashes(a), hashes(b)];
  return [...new Set([...Object.keys(left), ...Object.keys(right)])]
    .filter((path) => left[path] !== right[path])
    .sort();
}
