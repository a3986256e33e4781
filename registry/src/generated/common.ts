/**
 * Generated from schema/common.schema.json by `npm run gen:types` (codegen/schema-types.ts): do not edit.
 * registry/test/codegen/ fails when this file and the schema drift apart.
 */

/**
 * A category id from the controlled list in schema/categories.yaml (generated from it by npm run gen:types): 'ai' (AI and machine learning), 'analytics' (Analytics), 'collaboration' (Collaboration), 'communication' (Communication), 'content-management' (Content management), 'database' (Databases), 'developer-tools' (Developer tools), 'files' (Files and storage), 'iot' (IoT and messaging), 'monitoring' (Monitoring), 'multimedia' (Multimedia), 'networking' (Networking), 'organization' (Organization), 'security' (Security), 'web-server' (Web servers).
 *
 * This interface was referenced by `Common`'s JSON-Schema
 * via the `definition` "categoryId".
 */
export type CategoryId =
  | "ai"
  | "analytics"
  | "collaboration"
  | "communication"
  | "content-management"
  | "database"
  | "developer-tools"
  | "files"
  | "iot"
  | "monitoring"
  | "multimedia"
  | "networking"
  | "organization"
  | "security"
  | "web-server";
/**
 * App id: lowercase ASCII letters, digits, '-' and '_', 2-64 characters, starting with a letter or digit. Must equal the app's folder name under apps/.
 *
 * This interface was referenced by `Common`'s JSON-Schema
 * via the `definition` "appId".
 */
export type AppId = string;
/**
 * BCP 47 language tag such as 'en', 'de' or 'zh-CN' (language, optional script, optional region).
 *
 * This interface was referenced by `Common`'s JSON-Schema
 * via the `definition` "languageTag".
 */
export type LanguageTag = string;
/**
 * A single line of text: at most 128 characters; no line breaks, tabs or other control characters, and no invisible or direction-changing characters (bidi embeddings, overrides, isolates and marks, zero-width space, word joiner, byte order mark), which make a name display differently from what it is.
 *
 * This interface was referenced by `Common`'s JSON-Schema
 * via the `definition` "singleLine".
 */
export type SingleLine = string;
/**
 * An absolute HTTPS URL of at most 256 characters, written in printable ASCII as RFC 3986 has it (an internationalised domain as punycode, other characters percent-encoded), so no look-alike, invisible or direction-changing character can hide where it leads.
 *
 * This interface was referenced by `Common`'s JSON-Schema
 * via the `definition` "httpsUrl".
 */
export type HttpsUrl = string;
/**
 * SHA-256 digest of the file's bytes, 64 lowercase hexadecimal digits.
 *
 * This interface was referenced by `Common`'s JSON-Schema
 * via the `definition` "sha256".
 */
export type Sha256 = string;
/**
 * How the release is delivered: 'helm' (a Helm chart archive), 'nextcloud' (a Nextcloud app archive), 'compose' (a Docker Compose file), 'vm' (an OpenPitrix VM package).
 *
 * This interface was referenced by `Common`'s JSON-Schema
 * via the `definition` "deliveryType".
 */
export type DeliveryType = "helm" | "nextcloud" | "compose" | "vm";
/**
 * 'active': listed in the store. 'suspended': taken down by the registry admins; stays in the index, marked, so runtimes can tell.
 *
 * This interface was referenced by `Common`'s JSON-Schema
 * via the `definition` "appStatus".
 */
export type AppStatus = "active" | "suspended";
/**
 * 'released': on the shelf. 'suspended': taken down; stays in the index, marked, and is never offered as the latest version.
 *
 * This interface was referenced by `Common`'s JSON-Schema
 * via the `definition` "versionStatus".
 */
export type VersionStatus = "released" | "suspended";
/**
 * Publisher id: the file name (without '.yaml') of its record under .github/appshelf/publishers/; lowercase ASCII letters, digits and '-', 2-64 characters.
 *
 * This interface was referenced by `Common`'s JSON-Schema
 * via the `definition` "publisherId".
 */
export type PublisherId = string;

/**
 * Definitions shared by the app, version, index and shard schemas. Length limits follow the Nextcloud app store's spirit: URLs <= 256 characters, other single-line strings <= 128.
 */
export interface Common {
  [k: string]: unknown;
}
/**
 * A single-line text by language tag; 'en' is required and is the fallback for every other language.
 *
 * This interface was referenced by `Common`'s JSON-Schema
 * via the `definition` "translatedLine".
 */
export interface TranslatedLine {
  en: SingleLine;
  [k: string]: SingleLine;
}
/**
 * Markdown text by language tag, at most 32768 characters per language; 'en' is required and is the fallback for every other language.
 *
 * This interface was referenced by `Common`'s JSON-Schema
 * via the `definition` "translatedMarkdown".
 */
export interface TranslatedMarkdown {
  /**
   * Markdown text. Tabs and line breaks are allowed; other control characters and bidi embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069) are not (bidi marks are).
   */
  en: string;
  /**
   * Markdown text. Tabs and line breaks are allowed; other control characters and bidi embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069) are not (bidi marks are).
   */
  [k: string]: string;
}
/**
 * The publisher (ISV) that provides the app: the organisation or person answerable for it.
 *
 * This interface was referenced by `Common`'s JSON-Schema
 * via the `definition` "publisher".
 */
export interface Publisher {
  /**
   * Display name of the publisher.
   */
  name: SingleLine;
  /**
   * The publisher's home page (HTTPS).
   */
  url: HttpsUrl;
  /**
   * How to reach the publisher: an e-mail address or an HTTPS URL, in printable ASCII.
   */
  contact?: string;
}
/**
 * Links shown on the app's page. HTTPS only.
 *
 * This interface was referenced by `Common`'s JSON-Schema
 * via the `definition` "links".
 */
export interface Links {
  /**
   * The project's home page.
   */
  website?: HttpsUrl;
  /**
   * The source code repository.
   */
  repository?: HttpsUrl;
  /**
   * Where to report bugs.
   */
  bugs?: HttpsUrl;
  /**
   * User or administrator documentation.
   */
  documentation?: HttpsUrl;
}
/**
 * Platform compatibility as semver ranges (node-semver syntax, e.g. '>=1.23.0-0' or '>=28 <=31').
 *
 * This interface was referenced by `Common`'s JSON-Schema
 * via the `definition` "compatibility".
 */
export interface Compatibility {
  /**
   * Kubernetes versions the release runs on (Helm Chart.yaml kubeVersion).
   */
  kubernetes?: string;
  /**
   * Helm client versions that can install the chart.
   */
  helm?: string;
  /**
   * Nextcloud server versions (info.xml <dependencies><nextcloud min-version max-version>).
   */
  nextcloud?: string;
  /**
   * PHP versions (info.xml <dependencies><php>).
   */
  php?: string;
  /**
   * Docker Compose versions that can run the file.
   */
  compose?: string;
  /**
   * OpenPitrix versions that can deploy the VM package.
   */
  openpitrix?: string;
}
/**
 * A publisher as the index publishes it, from its record (.github/appshelf/publishers/<id>.yaml): id, name, home page, contact, and whether registry admins verified it.
 *
 * This interface was referenced by `Common`'s JSON-Schema
 * via the `definition` "publishedPublisher".
 */
export interface PublishedPublisher {
  /**
   * Publisher id (the record's file name).
   */
  id: PublisherId;
  /**
   * Display name of the publisher.
   */
  name: SingleLine;
  /**
   * The publisher's home page (HTTPS).
   */
  url: HttpsUrl;
  /**
   * E-mail address or HTTPS URL.
   */
  contact?: string;
  /**
   * Registry admins verified the record (its verification.state is 'verified'); otherwise it is self-declared.
   */
  verified: boolean;
  /**
   * How and when it was verified; present only when verified.
   */
  verification?: {
    /**
     * How it was verified (publisher.schema.json verification.method).
     */
    method: string;
    /**
     * When, YYYY-MM-DD.
     */
    date: string;
  };
}
/**
 * Why and when registry admins took an app or a version down: written by the pull request that suspends it (rule pr/suspension-reason), kept while suspended, and published in the index so the catalog, 'appshelf show' and the client's refusal say why.
 *
 * This interface was referenced by `Common`'s JSON-Schema
 * via the `definition` "suspension".
 */
export interface Suspension {
  /**
   * Why, in one line (e.g. 'malware found in the 6.8.2 image', 'trademark complaint').
   */
  reason: SingleLine;
  /**
   * When it was suspended, YYYY-MM-DD.
   */
  date: string;
  /**
   * Number of the pull request that suspended it.
   */
  pullRequest: number;
}
