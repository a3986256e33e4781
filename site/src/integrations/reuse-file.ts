import { copyFileSync, linkSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";

/**
 * Puts the previous build's file `source` at `target`, byte for byte: a hard link when the
 * file system allows one (no bytes copied: at 10,000 apps a republish reuses some 60,000
 * files), else a copy. Built files are never written again once the build is done, so the
 * two folders sharing them is safe; a tool that edits a built site in place must copy it first.
 *
 * @throws Error from the file system other than "links not possible here"
 */
export function reuseFile(source: string, target: string): void {
  try {
    linkSync(source, target);
  } catch (cause) {
    if (!LINK_REFUSED.has((cause as NodeJS.ErrnoException).code ?? "")) throw cause;
    copyFileSync(source, target);
  }
}

/** Errors meaning "no hard link here" (another file system, links not supported or not allowed, too many links). */
const LINK_REFUSED = new Set(["EXDEV", "EPERM", "EMLINK", "ENOTSUP", "EOPNOTSUPP", "ENOSYS"]);

/**
 * Puts each of `paths` (output paths, e.g. `zh-CN/apps/harbor/index.html`) from
 * `previousDir` into `outDir` with {@link reuseFile}, making folders as needed (those in
 * `made` are taken as made; the ones made are added); returns how many were placed (all of them).
 *
 * @throws Error from the file system (a missing previous file, a target that exists)
 */
export function reuseFiles(
  previousDir: string,
  outDir: string,
  paths: readonly string[],
  made = new Set<string>(),
): number {
  for (const path of paths) {
    const target = join(outDir, path);
    const folder = dirname(target);
    if (!made.has(folder)) mkdirSync(folder, { recursive: true });
    made.add(folder);
    reuseFile(join(previousDir, path), target);
  }
  return paths.length;
}
