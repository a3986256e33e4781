import { lstat, readFile, realpath } from "node:fs/promises";
import path from "node:path";
import { hostedFileName, urlFileName } from "../manifest/hosted-file-name.ts";
import type { ArtifactRef } from "../manifest/types.ts";
import { error, warning, type Diagnostic } from "../report/diagnostic.ts";
import type { ParsedYaml } from "../manifest/parse-yaml.ts";
import type { ArtifactCache } from "./artifact-cache.ts";
import { sha256Hex } from "./digest.ts";
import { FetchError } from "../errors/fetch-error.ts";
import { fetchArtifact, type FetchLimits } from "./fetch-artifact.ts";
import type { Mirror } from "./mirror.ts";

/** The version manifest an artifact is named in: problems point at its lines. */
export interface ArtifactManifest {
  parsed: ParsedYaml;
}

/** How artifacts are looked for and how strict the check is. */
export interface ArtifactOptions {
  /** Absolute registry root. */
  root: string;
  mirror: Mirror;
  /** Digest-keyed cache of downloads; none when undefined. */
  cache?: ArtifactCache;
  /** Never use the network; artifacts not in the repo, the cache or a mirror are "not verified". */
  offline: boolean;
  /** An artifact that could not be verified is an error instead of a warning (`--require-artifacts`). */
  requireArtifacts: boolean;
  limits: FetchLimits;
}

/** Outcome for one version: diagnostics, and the verified bytes with the name to report them under. */
export interface ArtifactCheck {
  diagnostics: Diagnostic[];
  verified: boolean;
  /** The artifact's bytes, when their sha256 and size matched the manifest. */
  bytes?: Buffer;
  /** File name of a downloaded artifact, or repo path of an in-repo one (for `label!path` diagnostics). */
  label?: string;
}

/**
 * Proves a version's artifact is the one its manifest names: same SHA-256 and same size
 * in bytes. In-repo artifacts (`path`) are read from the app folder (never through a
 * symlink); URL artifacts are looked for in the cache, then the mirror, then downloaded
 * within `limits` unless `offline` (and cached when they match). Rule ids:
 * `artifact/missing`, `artifact/digest-mismatch`, `artifact/size-mismatch`,
 * `artifact/not-verified`, `artifact/<FetchError reason>`.
 */
export async function verifyArtifact(
  appDir: string,
  version: ArtifactManifest,
  artifact: ArtifactRef,
  options: ArtifactOptions,
): Promise<ArtifactCheck> {
  const file = version.parsed.file;
  if (artifact.path !== undefined) {
    const bytes = await readInRepo(path.join(options.root, appDir), artifact.path);
    const label = `${appDir}/${artifact.path}`;
    if (!bytes)
      return fail(
        error(
          "artifact/missing",
          file,
          version.parsed.locate(["artifact", "path"]),
          `artifact path '${artifact.path}' is not a regular file in ${appDir}/`,
        ),
      );
    if (artifact.size === undefined) {
      return fail(
        error(
          "artifact/size-required",
          file,
          version.parsed.locate(["artifact"]),
          `artifacts kept in the repository must state their size: add size: ${bytes.length}`,
        ),
      );
    }
    return compare(bytes, sha256Hex(bytes), version, artifact, label, label);
  }
  if (artifact.hosted) return verifyHosted(version, artifact, options);
  const url = artifact.url ?? "";
  const cached = await options.cache?.get(artifact.sha256);
  if (cached) return compare(cached, artifact.sha256, version, artifact, urlFileName(url), url);
  // Parsed only when used: an offline run without mirrors checks 100,000 versions here.
  if (options.mirror.files > 0) {
    const found = await options.mirror.find(artifact.sha256, urlFileName(url));
    const inMirror = found.hit ?? found.nameMatches[0];
    if (inMirror)
      return compare(
        await readFile(inMirror.path),
        inMirror.sha256,
        version,
        artifact,
        urlFileName(url),
        inMirror.path,
      );
  }
  if (options.offline)
    return notVerified(version, options, `${url} is not in the cache or a mirror and the network is off (--offline)`);
  try {
    const { bytes, sha256 } = await fetchArtifact(url, options.limits);
    const check = compare(bytes, sha256, version, artifact, urlFileName(url), url);
    if (check.verified) await options.cache?.put(bytes);
    return check;
  } catch (cause) {
    if (cause instanceof FetchError && cause.reason === "network") return notVerified(version, options, cause.message);
    const reason = cause instanceof FetchError ? cause.reason : "network";
    return fail(
      error(`artifact/${reason}`, file, version.parsed.locate(["artifact", "url"]), (cause as Error).message),
    );
  }
}

/**
 * A copy this registry hosts (`hosted: true`): its bytes exist nowhere else, so they are
 * found by digest in the cache or a mirror; otherwise `artifact/not-verified`.
 */
async function verifyHosted(
  version: ArtifactManifest,
  artifact: ArtifactRef,
  options: ArtifactOptions,
): Promise<ArtifactCheck> {
  const fileName = hostedFileName(version.parsed.file, artifact);
  const cached = await options.cache?.get(artifact.sha256);
  if (cached) return compare(cached, artifact.sha256, version, artifact, fileName, `the cached copy of ${fileName}`);
  const found = await options.mirror.find(artifact.sha256, fileName);
  const inMirror = found.hit ?? found.nameMatches[0];
  if (inMirror)
    return compare(await readFile(inMirror.path), inMirror.sha256, version, artifact, fileName, inMirror.path);
  const make = options.requireArtifacts ? error : warning;
  const diagnostic = make(
    "artifact/not-verified",
    version.parsed.file,
    version.parsed.locate(["artifact", "hosted"]),
    `hosted artifact ${fileName} (sha256 ${artifact.sha256}) is not in the cache or a mirror`,
    "pass --mirror <dir> holding the hosted copies (the registry's release assets)",
  );
  return { diagnostics: [diagnostic], verified: false };
}

function compare(
  bytes: Buffer,
  sha256: string,
  version: ArtifactManifest,
  artifact: ArtifactRef,
  label: string,
  source: string,
): ArtifactCheck {
  const file = version.parsed.file;
  if (sha256 !== artifact.sha256) {
    return fail(
      error(
        "artifact/digest-mismatch",
        file,
        version.parsed.locate(["artifact", "sha256"]),
        `sha256 of ${source} is ${sha256}, but the manifest says ${artifact.sha256}`,
        "a released artifact never changes: if this is a new build, publish it as a new version",
      ),
    );
  }
  if (artifact.size !== undefined && bytes.length !== artifact.size) {
    return fail(
      error(
        "artifact/size-mismatch",
        file,
        version.parsed.locate(["artifact", "size"]),
        `${source} is ${bytes.length} bytes, but the manifest says ${artifact.size}`,
      ),
    );
  }
  return { diagnostics: [], verified: true, bytes, label };
}

function notVerified(version: ArtifactManifest, options: ArtifactOptions, why: string): ArtifactCheck {
  const make = options.requireArtifacts ? error : warning;
  const diagnostic = make(
    "artifact/not-verified",
    version.parsed.file,
    version.parsed.locate(["artifact", "url"]),
    `artifact not verified: ${why}`,
    "pass --mirror <dir> with a copy of the file, or run with network access",
  );
  return { diagnostics: [diagnostic], verified: false };
}

function fail(diagnostic: Diagnostic): ArtifactCheck {
  return { diagnostics: [diagnostic], verified: false };
}

/** Reads a regular file inside `dir`; `undefined` for a missing file, a symlink or a path escaping `dir`. */
async function readInRepo(dir: string, relative: string): Promise<Buffer | undefined> {
  const full = path.resolve(dir, relative);
  if (!full.startsWith(dir + path.sep)) return undefined;
  try {
    const stats = await lstat(full);
    // realpath differs from the plain path when any folder on the way is a symlink.
    const real = await realpath(full);
    return stats.isFile() && real === path.join(await realpath(dir), relative) ? await readFile(full) : undefined;
  } catch {
    return undefined;
  }
}
