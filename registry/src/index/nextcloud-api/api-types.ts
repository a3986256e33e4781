/**
 * The read side of the Nextcloud app store REST API (nextcloud/appstore
 * `docs/api/restapi.rst`, "Get All Apps and Releases"), as the build writes it. Field
 * names and meanings are the store's; schemas in `schema/nextcloud-api/`.
 */

/** A dependency with its version specs (`databases[]`, `phpExtensions[]`). */
export interface ApiDependency {
  id: string;
  versionSpec: string;
  rawVersionSpec: string;
}

/** One release of an app. */
export interface ApiRelease {
  version: string;
  phpExtensions: ApiDependency[];
  databases: ApiDependency[];
  shellCommands: string[];
  phpVersionSpec: string;
  platformVersionSpec: string;
  rawPhpVersionSpec: string;
  rawPlatformVersionSpec: string;
  /** Bits of PHP's integer size the release needs: 32 unless info.xml says 64. */
  minIntSize: number;
  isNightly: boolean;
  /** Absolute HTTPS URL of the archive. */
  download: string;
  created: string;
  licenses: string[];
  lastModified: string;
  /** Base64 RSA signature (SHA-512) over the archive bytes. */
  signature: string;
  signatureDigest: "sha512";
  translations: Record<string, { changelog: string }>;
}

/** One app with its releases. */
export interface ApiApp {
  id: string;
  categories: string[];
  userDocs: string;
  adminDocs: string;
  developerDocs: string;
  issueTracker: string;
  website: string;
  discussion: string;
  created: string;
  lastModified: string;
  ratingRecent: number;
  ratingOverall: number;
  ratingNumRecent: number;
  ratingNumOverall: number;
  authors: { name: string; mail: string; homepage: string }[];
  releases: ApiRelease[];
  screenshots: { url: string; smallThumbnail: string }[];
  translations: Record<string, { name: string; summary: string; description: string }>;
  isFeatured: boolean;
  /** The app's code-signing certificate, PEM. */
  certificate: string;
}

/** An app's share of the API, as {@link nextcloudApiApp} builds it from one app. */
export interface NextcloudApiShare {
  /** The app with its signed releases (none listed when `app.releases` is empty). */
  app: ApiApp;
  /** Versions left out, with why (build warnings). */
  omitted: { version: string; reason: string }[];
}
