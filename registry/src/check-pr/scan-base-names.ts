import { readFile } from "node:fs/promises";
import path from "node:path";
import { openArtifactCache } from "../artifact/artifact-cache.ts";
import { openMirror } from "../artifact/mirror.ts";
import { literalPath } from "../git/open-repo.ts";
import { listTreeFiles, readBlobs } from "../git/read-tree-files.ts";
import { readArtifactNames } from "../names/artifact-names.ts";
import type { ArtifactNames, NativeName } from "../names/native-names.ts";
import { readVersionFile, versionFileNames, type VersionFileFacts } from "../names/version-file-names.ts";

/** Where the base side may find artifact bytes without the network: the check's mirrors and artifact cache. */
export interface LocalArtifacts {
  mirrors: readonly string[];
  cacheDir?: string;
}

/**
 * The native names the apps hold at commit `rev`, read from every version file of those
 * apps with `yaml` (`readVersionFile`) and {@link versionFileNames}: each version's
 * declared name, and the name its artifact gives when the bytes are at hand without the
 * network (an artifact kept in the app folder, read at `rev`; else a mirror or the artifact
 * cache, by digest). The cost grows with the files read: all of them when `apps` is
 * undefined (the full scan), else the named apps' only.
 *
 * @param apps app ids to read, or undefined for every app
 * @returns one entry per version, kind and name
 * @throws Error when Git cannot read `rev`
 */
export async function scanBaseNames(
  root: string,
  rev: string,
  local: LocalArtifacts,
  apps?: ReadonlySet<string>,
): Promise<NativeName[]> {
  const specs = apps ? [...apps].sort().map((id) => literalPath(`apps/${id}/versions`)) : [literalPath("apps")];
  if (specs.length === 0) return [];
  const files = (await listTreeFiles(root, rev, specs)).filter((f) =>
    /^apps\/[^/]+\/versions\/[^/]+\/[^/]+\.yaml$/.test(f.path),
  );
  const bytes = await readBlobs(
    root,
    files.map((f) => f.blob),
  );
  const facts = files.map((f) => readVersionFile(f.path, (bytes.get(f.blob) ?? Buffer.alloc(0)).toString("utf8")));
  const read = await readLocalArtifacts(root, rev, facts, local);
  return facts.flatMap((f) => versionFileNames(f, read.get(f.path) ?? []));
}

/** The names the artifacts of helm and compose versions give, for those whose bytes are local, by version file path. */
async function readLocalArtifacts(
  root: string,
  rev: string,
  facts: readonly VersionFileFacts[],
  local: LocalArtifacts,
): Promise<Map<string, ArtifactNames[]>> {
  const named = facts.filter((f) => f.version?.delivery === "helm" || f.version?.delivery === "compose");
  const inRepo = new Map<string, string>();
  for (const f of named) {
    const artifactPath = f.version?.artifactPath;
    if (artifactPath !== undefined) inRepo.set(f.path, path.posix.normalize(`apps/${f.app}/${artifactPath}`));
  }
  const repoFiles = await listTreeFiles(
    root,
    rev,
    [...new Set(inRepo.values())].filter((p) => !p.startsWith("../")).map(literalPath),
  );
  const repoBytes = await readBlobs(
    root,
    repoFiles.map((f) => f.blob),
  );
  const byPath = new Map(repoFiles.map((f) => [f.path, repoBytes.get(f.blob)]));
  const remote = named.filter((f) => !inRepo.has(f.path) && f.version?.artifactSha256 !== undefined);
  const mirror = remote.length > 0 && local.mirrors.length > 0 ? (await openMirror(local.mirrors)).mirror : undefined;
  const cache = remote.length > 0 && local.cacheDir !== undefined ? openArtifactCache(local.cacheDir) : undefined;
  const read = new Map<string, ArtifactNames[]>();
  for (const f of named) {
    const v = f.version;
    if (!v) continue;
    const repoPath = inRepo.get(f.path);
    let found: Buffer | undefined;
    if (repoPath !== undefined) found = byPath.get(repoPath);
    else if (v.artifactSha256 !== undefined) {
      found = await cache?.get(v.artifactSha256);
      const hit = found ? undefined : (await mirror?.find(v.artifactSha256, v.artifactFileName ?? ""))?.hit;
      if (hit) found = await readFile(hit.path);
    }
    if (!found) continue;
    const names = await readArtifactNames(v.delivery, found, repoPath ?? v.artifactFileName ?? f.path);
    if (names) read.set(f.path, [names]);
  }
  return read;
}
