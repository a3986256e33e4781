/**
 * Generated from schema/version.schema.json by `npm run gen:types` (codegen/schema-types.ts): do not edit.
 * registry/test/codegen/ fails when this file and the schema drift apart.
 */
import type { Compatibility, DeliveryType, HttpsUrl, PublisherId, Sha256, Suspension, TranslatedMarkdown, VersionStatus } from "./common.ts";

/**
 * One release of an app for one delivery type. Versions of each delivery type are independent (as in OpenPitrix). A released version is immutable: upgrades are new versions.
 */
export interface VersionManifest {
  /**
   * Semantic version (semver 2.0.0, no 'v' prefix) as a string; must equal the file name without '.yaml' (rule version/file-name). Quote it: YAML reads an unquoted 1.10 as the number 1.1.
   */
  version: string;
  /**
   * Delivery type; must equal the folder name under versions/ (rule version/delivery-folder).
   */
  delivery: DeliveryType;
  /**
   * Version of the packaged software when it differs from the package version (Helm Chart.yaml appVersion).
   */
  appVersion?: string;
  /**
   * helm only: the chart name inside the archive when it differs from the app id (rule helm/chart-name).
   */
  chart?: string;
  /**
   * The release artifact, with its SHA-256 digest and size in bytes: an HTTPS URL where these exact bytes are published, a path inside the app folder, or a copy hosted by this registry (hosted: true) for bytes published nowhere else. The upstream URL of a re-packed or mirrored file goes in 'source' (provenance only, never downloaded by clients).
   */
  artifact: {
    /**
     * Where runtimes download the artifact (HTTPS).
     */
    url?: HttpsUrl;
    /**
     * Path of an artifact kept in the repository, relative to the app folder (no '..', no leading '/').
     */
    path?: string;
    /**
     * The registry hosts these bytes itself: the build publishes them at artifacts/<id>/<delivery>/<version>/<file> next to the index (and lists that copy in helm/index.yaml), taking them by digest from the artifact cache, a mirror, or where the last publish serves the copy (an error when they cannot be found: the build fails closed). Use it for archives whose bytes are not the upstream's (re-packs); put the upstream URL in 'source'.
     */
    hosted?: true;
    /**
     * Where the artifact came from (provenance): the upstream URL of a hosted copy or re-pack. Shown as provenance; clients never download from it, since its bytes may differ.
     */
    source?: HttpsUrl;
    /**
     * SHA-256 digest of the artifact's bytes, 64 lowercase hexadecimal digits (sha256sum prints it). The build downloads the artifact and refuses it when the digest differs.
     */
    sha256: Sha256;
    /**
     * Size of the artifact in bytes (at most 1 GiB). Required for artifacts kept in the repository (rule artifact/size-required); for URL artifacts it may be missing only when the source does not publish it (Helm repository indexes do not), and is then checked once the artifact is downloaded.
     */
    size?: number;
  };
  /**
   * Platform versions the release works with, as node-semver ranges (rule version/compatibility-range).
   */
  compatibility?: Compatibility;
  /**
   * What changed in this release, Markdown by language tag.
   */
  changelog?: TranslatedMarkdown;
  /**
   * nextcloud only: the release signature, base64 of an RSA signature with SHA-512 over the exact bytes of the archive (openssl dgst -sha512 -sign <app>.key <archive> | openssl base64), verified with app.yaml's nextcloud.certificate (rule nextcloud/signature-mismatch). Unsigned releases are left out of the Nextcloud app store API.
   */
  signature?: string;
  /**
   * 'released' (on the shelf) or 'suspended' (taken down by registry admins, who also write 'suspension'). New versions are 'released'.
   */
  status: VersionStatus;
  /**
   * Why and when admins suspended this version; required by the pull request that sets status: suspended (rule pr/suspension-reason), published only while suspended.
   */
  suspension?: Suspension;
  /**
   * Id of the publisher who wrote this packaging when it is not the app's publisher (the upstream vendor), e.g. a Compose file written for this registry, or a chart packaged by a third party. Its record must exist (rule app/publisher-exists).
   */
  packagedBy?: PublisherId;
  /**
   * Release date, YYYY-MM-DD. Quote it or not: the core schema reads it as a string.
   */
  released: string;
}
