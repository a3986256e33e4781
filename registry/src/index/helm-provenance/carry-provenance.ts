import path from "node:path";
import { sha256Hex } from "../../artifact/digest.ts";
import { fetchArtifact, type FetchLimits } from "../../artifact/fetch-artifact.ts";
import { FetchError } from "../../errors/fetch-error.ts";
import { assertSchema } from "../../index/app-index-files.ts";
import type { AppIndexFiles } from "../../index/build-index.ts";
import { canonicalJson } from "../../json/canonical-json.ts";
import type { AppShard } from "../../index/index-types.ts";
import { provenanceMismatch } from "./read-provenance.ts";
import { verifyWithHelm } from "./verify-with-helm.ts";
import { isUrl, previousCopyLocation, readPreviousCopy } from "../read-previous-copy.ts";

/** Largest `.prov` accepted (bytes): a provenance file is a Chart.yaml and a signature, a few KiB. */
export const MAX_PROVENANCE_BYTES = 1024 * 1024;

/** Where provenance files come from and how they are checked. */
export interface ProvenanceOptions {
  /** Download limits (the `.prov` is also capped at {@link MAX_PROVENANCE_BYTES}). */
  limits: FetchLimits;
  /** No network: no `.prov` is fetched (the build says so in a warning). */
  offline: boolean;
  /** OpenPGP public keyring: every carried `.prov` must pass `helm verify --keyring` with it. */
  keyring?: string;
  /**
   * Whether a version file (`apps/<id>/versions/helm/<version>.yaml`)'s hosted copy is declared
   * not to be the upstream's bytes (`hosted: true`, `source` is provenance only): an
   * upstream `.prov` for other bytes is then left out with a warning instead of an error.
   */
  repacked?: (versionFile: string) => Promise<boolean>;
  /**
   * The previous publish (base URL or folder, see `previousCopyLocation`): for a version
   * whose upstream is gone (`unavailableSince`), the `.prov` published beside its hosted
   * copy is read from there instead, and checked the same way.
   */
  previous?: string;
}

/** The apps with provenance pinned in their shards, the `.prov` bytes by URL, and warnings. */
export interface CarriedProvenance {
  apps: AppIndexFiles[];
  /** `.prov` bytes by their URL (`<hosted copy URL>.prov`): published wherever the hosted copies are. */
  provenance: Map<string, Buffer>;
  warnings: string[];
}

/**
 * Carries Helm provenance files with hosted chart copies: for every helm version whose
 * shard URL is a hosted copy (`hosted` holds its bytes) and that names its upstream as
 * `source`, fetches `<source>.prov`. HTTP 404 or 410 means the upstream publishes none.
 * For a version whose upstream is gone (`unavailableSince`), the `.prov` the previous publish
 * carried beside the copy is read from `options.previous` instead. A `.prov` is kept only when its signed `files:` gives the hosted file's name exactly the
 * shard's sha256 (and, with a keyring, `helm verify` accepts it); it is then published at
 * `<hosted url>.prov` (where `helm pull --verify` looks; the caller writes the returned
 * bytes beside the hosted copies) and pinned in the shard as
 * `artifact.provenance` ({ url, sha256, size }), the shard re-pinned.
 *
 * @param hosted bytes of the hosted copies by their shard URL (see `addHostedCopies`)
 * An unreachable upstream (network, timeout, 5xx) leaves the copy without provenance and
 * adds a `helm/provenance-unreachable` warning.
 *
 * @throws Error naming the version file and rule: `helm/provenance-unreadable` (another
 *   HTTP status, an oversized or malformed answer: upstream serves something that is not
 *   "no provenance"),
 *   `helm/provenance-mismatch` (not for this archive, which claims to be the upstream's
 *   bytes; for a declared re-pack it is a warning, `helm/provenance-other-bytes`), `helm/provenance-signature` (Helm
 *   refused it with the keyring)
 */
export async function carryProvenance(
  apps: readonly AppIndexFiles[],
  hosted: ReadonlyMap<string, Buffer>,
  options: ProvenanceOptions,
): Promise<CarriedProvenance> {
  const warnings: string[] = [];
  const provenance = new Map<string, Buffer>();
  const out: AppIndexFiles[] = [];
  // No hosted copies, no provenance to carry: the shards are not parsed (at 10,000 apps that is most of this step).
  if (hosted.size === 0) return { apps: [...apps], provenance, warnings };
  for (const app of apps) {
    const bytes = app.files.get(app.shard.path);
    const shard = bytes ? (JSON.parse(bytes.toString("utf8")) as AppShard) : undefined;
    const candidates = (shard?.versions ?? []).filter(
      (v) => v.delivery === "helm" && v.artifact.source !== undefined && hosted.has(v.artifact.url),
    );
    if (!shard || candidates.length === 0) {
      out.push(app);
      continue;
    }
    if (options.offline) {
      warnings.push(`${app.id}: no Helm provenance (.prov) was fetched for its hosted charts: the build is offline`);
      out.push(app);
      continue;
    }
    const files = new Map(app.files);
    for (const v of candidates) {
      const where = `apps/${app.id}/versions/helm/${v.version}.yaml`;
      const kept = v.unavailableSince ? previousCopyLocation(options.previous, `${v.artifact.url}.prov`) : undefined;
      const provUrl = kept ?? `${v.artifact.source}.prov`;
      const prov = await fetchProvenance(provUrl, options.limits, where);
      if (typeof prov === "string") warnings.push(prov);
      if (!Buffer.isBuffer(prov)) continue;
      const fileName = decodeURIComponent(
        path.posix.basename(new URL(v.artifact.url, "https://registry.invalid/").pathname),
      );
      const wrong = provenanceMismatch(prov, fileName, v.artifact.sha256);
      if (wrong && (await options.repacked?.(where))) {
        warnings.push(
          `${where}: helm/provenance-other-bytes: ${provUrl} is not carried: the hosted copy is a re-pack (hosted: true) and ${wrong}`,
        );
        continue;
      }
      if (wrong)
        throw new Error(
          `${where}: helm/provenance-mismatch: ${provUrl} does not belong to the hosted archive: ${wrong}`,
        );
      const chart = hosted.get(v.artifact.url) ?? Buffer.alloc(0);
      const refused = options.keyring
        ? await verifyWithHelm(path.resolve(options.keyring), fileName, chart, prov)
        : undefined;
      if (refused)
        throw new Error(
          `${where}: helm/provenance-signature: helm verify --keyring ${options.keyring} refused ${provUrl}: ${refused}`,
        );
      const url = `${v.artifact.url}.prov`;
      provenance.set(url, prov);
      v.artifact.provenance = { url, sha256: sha256Hex(prov), size: prov.length };
    }
    const rewritten = canonicalJson(shard);
    assertSchema(app.shard.path, "shard", rewritten);
    files.set(app.shard.path, rewritten);
    out.push({ ...app, files, shard: { ...app.shard, sha256: sha256Hex(rewritten), size: rewritten.length } });
  }
  return { apps: out, provenance, warnings };
}

/**
 * The `.prov` bytes; undefined when upstream has none (404, 410); a warning when upstream
 * cannot be reached (network, timeout, HTTP 5xx): the copy is still hosted, without
 * provenance, since a hosted copy exists for when the upstream is gone.
 *
 * @throws Error on any other failure (another HTTP status, an oversized or malformed answer, a refused redirect)
 */
async function fetchProvenance(url: string, limits: FetchLimits, where: string): Promise<Buffer | string | undefined> {
  try {
    const capped = { ...limits, maxBytes: Math.min(limits.maxBytes, MAX_PROVENANCE_BYTES) };
    if (isUrl(url)) return (await fetchArtifact(url, capped)).bytes;
    const bytes = await readPreviousCopy(url, capped).catch((cause: NodeJS.ErrnoException) => {
      if (cause.code === "ENOENT") return undefined;
      throw cause;
    });
    if (bytes && bytes.length > capped.maxBytes) throw new Error(`${url} is over ${capped.maxBytes} bytes`);
    return bytes;
  } catch (cause) {
    const status = cause instanceof FetchError ? cause.status : undefined;
    if (status === 404 || status === 410) return undefined;
    const unreachable =
      cause instanceof FetchError &&
      (cause.reason === "network" || cause.reason === "timeout" || (status !== undefined && status >= 500));
    if (unreachable) return `${where}: helm/provenance-unreachable: no .prov carried: ${(cause as Error).message}`;
    throw new Error(`${where}: helm/provenance-unreadable: cannot fetch ${url}: ${(cause as Error).message}`);
  }
}
