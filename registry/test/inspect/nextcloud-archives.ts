/**
 * Test support for the Nextcloud inspector (imported by `*.test.ts` only): the real release
 * archives and info.xml files of `../shared/corpus/nextcloud`, the real version manifests of
 * the sample apps, and broken copies of the archives built on the fly in a temp folder.
 */
import { mkdir, readFile, readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import * as tar from "tar";
import { zipOf } from "../hostile/hostile-archives.ts";
import { CORPUS, REPO_ROOT, tempDir } from "../temp-registry.ts";
import { parseYaml } from "../../src/manifest/parse-yaml.ts";
import type { VersionManifest } from "../../src/manifest/types.ts";
import type { InspectInput } from "../../src/artifact/inspect/inspect-types.ts";

/** `../shared/corpus/nextcloud`. */
export const NEXTCLOUD_CORPUS = path.join(CORPUS, "nextcloud");

/** The two real release archives and the sample apps that publish them. */
export const REAL_RELEASES = [
  { appId: "notes", version: "6.0.2", archive: "notes-6.0.2.tar.gz" },
  { appId: "tasks", version: "0.18.1", archive: "tasks-0.18.1.tar.gz" },
] as const;

/** Reads a real info.xml: `apps/<app>/appinfo/info.xml` or `appstore-tests/<fixture>`. */
export function readCorpusXml(relative: string): Promise<Buffer> {
  return readFile(path.join(NEXTCLOUD_CORPUS, relative));
}

/**
 * The inspector input for an archive of a sample app: the real version file
 * `apps/<app>/versions/nextcloud/<version>.yaml`, parsed with positions, optionally edited.
 */
export async function inputFor(
  appId: string,
  version: string,
  bytes: Buffer,
  label: string,
  editYaml: (text: string) => string = (t) => t,
): Promise<InspectInput> {
  const file = `apps/${appId}/versions/nextcloud/${version}.yaml`;
  const manifest = parseYaml(file, editYaml(await readFile(path.join(REPO_ROOT, file), "utf8")));
  if (manifest.diagnostics.length > 0) throw new Error(`${file} does not parse: ${manifest.diagnostics[0]?.message}`);
  return { bytes, label, appId, version: manifest.data as VersionManifest, manifest };
}

/** Unpacks a real archive (with the `tar` package) into a temp folder and returns the folder. */
export async function unpackReal(archive: string): Promise<string> {
  const dir = path.join(await tempDir(), "tree");
  await mkdir(dir);
  await tar.x({ file: path.join(NEXTCLOUD_CORPUS, "archives", archive), cwd: dir });
  return dir;
}

/** Packs every top-level entry of `dir` into a gzip tar, as `tar czf` would. */
export async function packTarGz(dir: string): Promise<Buffer> {
  const out = path.join(path.dirname(dir), "out.tar.gz");
  await tar.c({ gzip: true, cwd: dir, file: out, portable: true }, (await readdir(dir)).sort());
  return readFile(out);
}

/** Replaces `from` by `to` in a file of an unpacked tree; throws when `from` is absent. */
export async function editFile(dir: string, file: string, from: string | RegExp, to: string): Promise<void> {
  const full = path.join(dir, file);
  const text = await readFile(full, "utf8");
  const next = text.replace(from, to);
  if (next === text) throw new Error(`${String(from)} not found in ${file}`);
  await writeFile(full, next);
}

/** A real archive, unpacked, changed by `edit`, packed again. */
export async function rebuildReal(archive: string, edit: (dir: string) => Promise<void>): Promise<Buffer> {
  const dir = await unpackReal(archive);
  await edit(dir);
  return packTarGz(dir);
}

/** Every entry under `dir` as zip paths (`notes/`, `notes/appinfo/info.xml`), folders first. */
export async function readTree(dir: string): Promise<Map<string, Buffer>> {
  const tree = new Map<string, Buffer>();
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const relative = (entry: (typeof entries)[number]) =>
    path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join("/");
  for (const entry of entries.filter((e) => e.isDirectory())) tree.set(`${relative(entry)}/`, Buffer.alloc(0));
  for (const entry of entries.filter((e) => e.isFile()))
    tree.set(relative(entry), await readFile(path.join(entry.parentPath, entry.name)));
  return tree;
}

/** Packs files (path -> content; paths ending in `/` are folders) into a zip, files deflated, Unix modes set. */
export function packZip(files: ReadonlyMap<string, Buffer>): Buffer {
  return zipOf([...files].map(([name, data]) => ({ name, data, deflate: !name.endsWith("/") })));
}
