import type { Diagnostic } from "../../../report/diagnostic.ts";
import type { ArtifactMetadata } from "../inspect-types.ts";
import { checkRepublishedText, type RepublishedKind, type RepublishedValue } from "./check-republished-text.ts";

/** Keys whose string values are links a reader follows: held to the manifests' https rule. */
const URL_KEYS =
  /^(url|urls|home|homepage|icon|website|bugs|sources?|screenshots?|thumbnails?|documentation|discussion|donation|link)$/i;
/** Schemes that run code or read local data wherever a link is rendered, refused in any value. */
const DANGEROUS = /^[\s\0-\x1f]*(javascript|vbscript|data|file):/i;

/**
 * Every string of an artifact's metadata (what shards republish under `versions[].metadata`,
 * and helm/index.yaml and the Nextcloud API from it), each with the rule it is held to
 * (issue 13, class 10): link-like keys (`website`, `bugs`, `homepage`, `screenshots`,
 * `icon`…) as URLs, a `repository` as a repository, every other string as one line (as
 * text when it holds a line break, so the Markdown rule applies); any value
 * starting with a scripting or local scheme as a URL (so it is refused).
 */
export function metadataTextValues(metadata: ArtifactMetadata): RepublishedValue[] {
  const values: RepublishedValue[] = [];
  const walk = (node: unknown, path: (string | number)[], key: string): void => {
    if (typeof node === "string") {
      const kind: RepublishedKind =
        key === "repository"
          ? "repository"
          : URL_KEYS.test(key) || DANGEROUS.test(node)
            ? "url"
            : node.includes("\n")
              ? "text"
              : "line";
      values.push({ path, value: node, kind });
    } else if (Array.isArray(node)) {
      node.forEach((item, i) => walk(item, [...path, i], key));
    } else if (typeof node === "object" && node !== null) {
      for (const [k, v] of Object.entries(node)) walk(v, [...path, k], k);
    }
  };
  walk(metadata, [], "");
  return values;
}

/**
 * The republished-text rules on a whole metadata object, for the inspectors that do not
 * check their own fields with positions (Nextcloud, Compose, VM; Helm's Chart.yaml fields
 * are checked line by line in `check-chart-text.ts` first). Diagnostics name the archive
 * `label` and the metadata path.
 */
export function checkMetadataText(metadata: ArtifactMetadata, label: string): Diagnostic[] {
  return checkRepublishedText(metadataTextValues(metadata), label, () => undefined);
}
