/**
 * Types of the manifest files, written from the JSON Schemas in `schema/` (the source of
 * truth): `app.schema.json`, `version.schema.json`, `categories.schema.json`.
 */

/** Text by BCP 47 language tag; `en` is always present and is the fallback. */
export type Translated = { en: string } & Record<string, string>;

/** Delivery types (schema/common.schema.json#/$defs/deliveryType). */
export type DeliveryType = "helm" | "nextcloud" | "compose" | "vm";

/** Every delivery type, in the order the index and the catalog list them. */
export const DELIVERY_TYPES: readonly DeliveryType[] = ["helm", "nextcloud", "compose", "vm"];

/** A publisher as app manifests once wrote it inline (the Helm importer's input; apps now name a publisher record by id). */
export interface Publisher {
  name: string;
  /** HTTPS home page. */
  url: string;
  /** E-mail address or HTTPS URL. */
  contact?: string;
}

/** Links shown on an app page (all HTTPS). */
export interface Links {
  website?: string;
  repository?: string;
  bugs?: string;
  documentation?: string;
}

/** A screenshot: HTTPS image URL with an optional translated caption. */
export interface Screenshot {
  url: string;
  caption?: Translated;
}

/** `apps/<id>/app.yaml` (schema/app.schema.json). */
export interface AppManifest {
  id: string;
  name: Translated;
  summary: Translated;
  /** Markdown by language tag. */
  description: Translated;
  categories: string[];
  keywords?: string[];
  /** SPDX license expression. */
  license: string;
  /** Publisher id: its record is `.github/appshelf/publishers/<id>.yaml`. */
  publisher: string;
  /** GitHub logins. */
  maintainers: string[];
  links?: Links;
  /** File name inside the app folder. */
  icon?: string;
  screenshots?: Screenshot[];
  status: "active" | "suspended";
  /** Why and when admins suspended it (kept while suspended). */
  suspension?: Suspension;
  /** Nextcloud code signing: the app's certificate (PEM, CN = app id). */
  nextcloud?: { certificate?: string };
}

/** Why, when and by which pull request admins took an app or version down (schema/common.schema.json#/$defs/suspension). */
export interface Suspension {
  reason: string;
  /** YYYY-MM-DD. */
  date: string;
  /** Pull request number. */
  pullRequest: number;
}

/** Platform compatibility as node-semver ranges. */
export type Compatibility = Partial<Record<"kubernetes" | "helm" | "nextcloud" | "php" | "compose" | "openpitrix", string>>;

/** The artifact of a version: exactly one of `url`, `path` and `hosted`. */
export interface ArtifactRef {
  /** HTTPS download URL: where these exact bytes are published. */
  url?: string;
  /** Path inside the app folder. */
  path?: string;
  /** The registry hosts these bytes itself (taken from the cache or a mirror by digest). */
  hosted?: true;
  /** Provenance: the upstream URL the bytes came from (never a download location). */
  source?: string;
  /** SHA-256, 64 lowercase hex digits. */
  sha256: string;
  /** Size in bytes; may be missing for URL artifacts imported from sources that do not publish it. */
  size?: number;
}

/** `apps/<id>/versions/<delivery>/<version>.yaml` (schema/version.schema.json). */
export interface VersionManifest {
  version: string;
  delivery: DeliveryType;
  appVersion?: string;
  /** helm only: chart name in the archive when it differs from the app id. */
  chart?: string;
  artifact: ArtifactRef;
  compatibility?: Compatibility;
  /** Markdown by language tag. */
  changelog?: Translated;
  /** nextcloud only: base64 RSA SHA-512 signature over the archive bytes. */
  signature?: string;
  status: "released" | "suspended";
  /** Why and when admins suspended it (kept while suspended). */
  suspension?: Suspension;
  /** Publisher id of who wrote this packaging, when not the app's publisher. */
  packagedBy?: string;
  /** YYYY-MM-DD. */
  released: string;
}

/** One entry of `schema/categories.yaml`. */
export interface Category {
  id: string;
  name: Translated;
  description?: Translated;
}

/** Key of a version within an app: `<delivery>/<version>` (versions of each delivery type are independent). */
export function versionKey(v: Pick<VersionManifest, "delivery" | "version">): string {
  return `${v.delivery}/${v.version}`;
}
