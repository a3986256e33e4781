import { lstat, readFile, realpath } from "node:fs/promises";
import path from "node:path";
import { error, warning, type Diagnostic } from "../report/diagnostic.ts";
import type { ArtifactRef } from "../manifest/types.ts";
import type { VersionFacts } from "../validate/rules/index.ts";
import { sha256Hex } from "./digest.ts";
import { FetchError, fetchArtifact, type FetchLimits } from "./fetch-artifact.ts";
import type { Mirror } from "./mirror.ts";

/** How artifacts are looked for and how strict the check is. */
export interface ArtifactOptions {
  /** Absolute registry root. */
  root: string;
  mirror: Mirror;
  /** Never use the network; artifacts not in the repo or a mirror are "not verified". */
  offline: boolean;
  /** An artifact that could not be verified is an error instead of a warning (`--require-artifacts`). */
  requireArtifacts: boolean;
  limits: FetchLimits;
}

/** Outcome for one version: diagnostics plus whether its bytes were seen and matched. */
export interface ArtifactCheck {
  diagnostics: Diagnostic[];
  verified: boolean;
}

/**
 * Proves a version's artifact is the one its manifest names: same SHA-256 and same size
 * in bytes. In-repo artifacts (`path`) are read from the app folder (never through a
 * symlink); URL artifacts are looked for in the mirror, then downloaded within limits
 * unless `offline`. Rule ids: `artifact/missing`, `artifact/digest-mismatch`,
 * `artifact/size-mismatch`, `artifact/not-verified`, `artifact/<FetchError reason>`.
 */
export async function verifyArtifact(appDir: string, version: VersionFacts, artifact: ArtifactRef, options: ArtifactOptions): Promise<ArtifactCheck> {
  const at = version.parsed.locate(["artifact"]);
  const file = version.parsed.file;
  if (artifact.path !== undefined) {
    const bytes = await readInRepo(path.join(options.root, appDir), artifact.path);
    if (!bytes) {
      return fail(error("artifact/missing", file, version.parsed.locate(["artifact", "path"]), `artifact path '${artifact.path}' is not a regular file in ${appDir}/`));
    }
    return compare(bytes.length, sha256Hex(bytes), version, artifact, `${appDir}/${artifact.path}`);
  }
  const url = artifact.url ?? "";
  const fileName = decodeURIComponent(new URL(url).pathname.split("/").pop() ?? "");
  const found = await options.mirror.find(artifact.sha256, fileName);
  if (found.hit) return compare(found.hit.size, found.hit.sha256, version, artifact, found.hit.path);
  const wrong = found.nameMatches[0];
  if (wrong) return compare(wrong.size, wrong.sha256, version, artifact, wrong.path);
  if (options.offline) return notVerified(version, options, `${url} is not in a mirror and the network is off (--offline)`);
  try {
    const { bytes, sha256 } = await fetchArtifact(url, options.limits);
    return compare(bytes.length, sha256, version, artifact, url);
  } catch (cause) {
    if (cause instanceof FetchError && cause.reason === "network") return notVerified(version, options, cause.message);
    const reason = cause instanceof FetchError ? cause.reason : "network";
    return fail(error(`artifact/${reason}`, file, at, (cause as Error).message));
  }
}

function compare(size: number, sha256: string, version: VersionFacts, artifact: ArtifactRef, source: string): ArtifactCheck {
  const diagnostics: Diagnostic[] = [];
  const file = version.parsed.file;
  if (sha256 !== artifact.sha256) {
    diagnostics.push(
      error(
        "artifact/digest-mismatch",
        file,
        version.parsed.locate(["artifact", "sha256"]),
        `sha256 of ${source} is ${sha256}, but the manifest says ${artifact.sha256}`,
        "a released artifact never changes: if this is a new build, publish it as a new version",
      ),
    );
  } else if (size !== artifact.size) {
    diagnostics.push(error("artifact/size-mismatch", file, version.parsed.locate(["artifact", "size"]), `${source} is ${size} bytes, but the manifest says ${artifact.size}`));
  }
  return { diagnostics, verified: diagnostics.length === 0 };
}

function notVerified(version: VersionFacts, options: ArtifactOptions, why: string): ArtifactCheck {
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
