import { readdir, readFile } from "node:fs/promises";
import path from "node:path";

/** Every file under `dir` (relative path -> base64 of its bytes), in path order: two builds' outputs compare equal when byte for byte the same. */
export async function outputFilesOf(dir: string): Promise<Record<string, string>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files: Record<string, string> = {};
  const paths = entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
  for (const file of paths.sort()) files[path.relative(dir, file)] = (await readFile(file)).toString("base64");
  return files;
}
