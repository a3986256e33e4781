/**
 * Generated from schema/app.schema.json by `npm run gen:types` (codegen/schema-types.ts): do not edit.
 * registry/test/codegen/ fails when this file and the schema drift apart.
 */
import type { AppId, AppStatus, CategoryId, HttpsUrl, Links, PublisherId, Suspension, TranslatedLine, TranslatedMarkdown } from "./common.ts";

/**
 * Describes one application in the store. Versions live in apps/<app-id>/versions/<delivery>/<version>.yaml.
 */
export interface AppManifest {
  /**
   * App id; must equal the folder name under apps/ (rule app/id-matches-folder).
   */
  id: AppId;
  /**
   * Display name by language tag; 'en' required.
   */
  name: TranslatedLine;
  /**
   * One-line summary by language tag; 'en' required.
   */
  summary: TranslatedLine;
  /**
   * Long description in Markdown by language tag; 'en' required. Rendered sanitized in the catalog.
   */
  description: TranslatedMarkdown;
  /**
   * Category ids from the controlled list in schema/categories.yaml (rule app/category-exists).
   *
   * @minItems 1
   * @maxItems 5
   *
   * Items: One category id; editors offer the controlled list (common.schema.json#/$defs/categoryId, generated from schema/categories.yaml). An id outside it fails rule app/category-exists, which names the closest one.
   */
  categories: ((CategoryId | string) & string)[];
  /**
   * Search keywords.
   *
   * @maxItems 20
   *
   * Items: One search keyword, 1-32 characters on one line.
   */
  keywords?: string[];
  /**
   * SPDX license expression, e.g. 'Apache-2.0' or 'AGPL-3.0-or-later' (rule app/license-spdx).
   */
  license: string;
  /**
   * Id of the publisher (ISV) answerable for the app: its record .github/appshelf/publishers/<id>.yaml must exist (rule app/publisher-exists), and only one of the record's GitHub logins, or an admin, may attach an app to it (rule pr/publisher-not-yours).
   */
  publisher: PublisherId;
  /**
   * GitHub logins of the people who own the app: only they may submit changes to it.
   *
   * @minItems 1
   * @maxItems 20
   *
   * Items: A GitHub login: letters, digits and single hyphens, at most 39 characters.
   */
  maintainers: string[];
  /**
   * Links shown on the app's page (HTTPS only): website, source repository, bug tracker, documentation.
   */
  links?: Links;
  /**
   * File name of the icon inside the app folder: SVG or PNG, at most 65536 bytes; a PNG must be square and at least 64 px (rule app/icon).
   */
  icon?: string;
  /**
   * Screenshots shown on the app page, at most 10.
   *
   * @maxItems 10
   *
   * Items: One screenshot: an HTTPS image URL and an optional caption by language tag.
   */
  screenshots?: {
    /**
     * HTTPS URL of a PNG, JPEG, GIF or WebP image.
     */
    url: HttpsUrl;
    /**
     * What the screenshot shows, by language tag; 'en' required.
     */
    caption?: TranslatedLine;
  }[];
  /**
   * 'active' (listed) or 'suspended' (taken down by registry admins, who also write 'suspension'). New apps are 'active'.
   */
  status: AppStatus;
  /**
   * Why and when admins suspended the app; required by the pull request that sets status: suspended (rule pr/suspension-reason), published only while suspended.
   */
  suspension?: Suspension;
  /**
   * Nextcloud app code signing. A certificate change for an existing app is an ownership-class change for review.
   */
  nextcloud?: {
    /**
     * The app's code-signing certificate (PEM) issued by Nextcloud's Code Signing Intermediate Authority with CN = app id; release signatures and appinfo/signature.json are verified with it against root.crt and root.crl (rules nextcloud/certificate-*).
     */
    certificate?: string;
  };
}
