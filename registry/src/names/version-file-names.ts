import { parseManifestText } from "../manifest/text-encoding.ts";
import type { DeliveryType, VersionManifest } from "../manifest/types.ts";
import { heldNamesOf, type ArtifactNames, type NativeName } from "./native-names.ts";

/** `apps/<id>/versions/<folder>/<file>.yaml`: a version file, and the app it belongs to. */
const VERSION_FILE = /^apps\/([^/]+)\/versions\/[^/]+\/[^/]+\.yaml$/;

/** The app id of a version file's path, or undefined when the path is no version file. */
export function versionFileApp(path: string): string | undefined {
  return VERSION_FILE.exec(path)?.[1];
}

/** What a version file's text says about its name, read with `yaml` (through `parseManifestText`). */
export interface VersionFileFacts {
  /** The repo path, `apps/<id>/versions/<folder>/<file>.yaml`. */
  path: string;
  app: string;
  /** The parsed fields a native name depends on; undefined when the file is not a mapping with a `delivery`. */
  version?: Pick<VersionManifest, "delivery" | "chart"> & {
    /** `artifact.path`: an artifact kept in the app folder (relative to it), which the base side can read. */
    artifactPath?: string;
    /** `artifact.sha256` and the last segment of `artifact.url`: to find the bytes in a mirror or cache, offline. */
    artifactSha256?: string;
    artifactFileName?: string;
  };
}

/**
 * Reads one version file the way validation reads it (`parseManifestText`: `yaml` under
 * the YAML 1.2 core schema, so every quoting, escape, comment, flow or block style, anchor
 * and line end is read as `yaml` reads it). Pure; never throws: a file that does not parse
 * gives no version (validation reports it; it claims no name).
 */
export function readVersionFile(path: string, text: string): VersionFileFacts {
  const app = versionFileApp(path) ?? "";
  const data = parseManifestText(path, text).data;
  if (typeof data !== "object" || data === null || Array.isArray(data)) return { path, app };
  const fields = data as Record<string, unknown>;
  if (typeof fields.delivery !== "string") return { path, app };
  const artifact = fields.artifact as Record<string, unknown> | undefined;
  const field = (key: string) =>
    typeof artifact === "object" && artifact !== null && typeof artifact[key] === "string"
      ? (artifact[key] as string)
      : undefined;
  const artifactPath = field("path");
  const artifactSha256 = field("sha256");
  const artifactFileName = field("url")?.split("?")[0]?.split("/").pop();
  return {
    path,
    app,
    version: {
      delivery: fields.delivery as DeliveryType,
      ...(typeof fields.chart === "string" ? { chart: fields.chart } : {}),
      ...(artifactPath !== undefined ? { artifactPath } : {}),
      ...(artifactSha256 !== undefined ? { artifactSha256 } : {}),
      ...(artifactFileName ? { artifactFileName } : {}),
    },
  };
}

/**
 * The names a version file holds on the base branch: `heldNamesOf` (the names its artifact
 * gives, from its bytes, and the declared ones), as the publish's name table records them. Pure.
 *
 * @param read the names read from the artifact (see `readArtifactNames`), if any
 */
export function versionFileNames(facts: VersionFileFacts, read: readonly ArtifactNames[] = []): NativeName[] {
  const { version } = facts;
  if (!version) return [];
  return heldNamesOf(facts.app, version, read).map((n) => ({ ...n, app: facts.app, file: facts.path }));
}
