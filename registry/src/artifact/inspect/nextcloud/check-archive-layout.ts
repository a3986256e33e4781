import { error, type Diagnostic } from "../../../report/diagnostic.ts";
import type { Archive } from "../../archive/read-archive.ts";

/**
 * An app folder name as the app store accepts it: a lowercase ASCII letter, then lowercase
 * letters, digits or underscores (nextcloud/appstore parser.py `app_folder_regex`
 * `^[a-z]+[a-z0-9_]*`; its message says "only lowercase ASCII characters or underscores", but
 * digits pass, as in the real app `twofactor_u2f`).
 */
const APP_FOLDER = /^[a-z][a-z0-9_]*$/;

/**
 * Checks the shape of a Nextcloud release archive (nextcloud/appstore parser.py
 * `find_app_id`, `get_contents`):
 * - `nextcloud/top-folder`: exactly one top-level entry, a folder named like an app id and
 *   equal to the app id of the registry. Stricter than the app store, which ignores stray
 *   top-level entries whose names do not look like an app id;
 * - `nextcloud/missing-info-xml`: `<id>/appinfo/info.xml` is present.
 *
 * @param archive the unpacked archive (paths already normalised and safe)
 * @param appId the app id (folder under apps/)
 * @returns the path of info.xml inside the archive when both hold
 */
export function checkArchiveLayout(archive: Archive, appId: string): { infoPath?: string; diagnostics: Diagnostic[] } {
  const { label, topLevel, files } = archive;
  const fail = (ruleId: string, file: string, message: string, hint: string) => ({
    diagnostics: [error(ruleId, file, undefined, message, hint)],
  });
  const hint = `pack the app as ${appId}/appinfo/info.xml, ${appId}/lib/…, with nothing beside the ${appId}/ folder`;
  if (topLevel.length !== 1) {
    const found = topLevel.length === 0 ? "nothing" : topLevel.map((name) => `'${name}'`).join(", ");
    return fail(
      "nextcloud/top-folder",
      label,
      `the archive must hold exactly one top-level folder '${appId}', found ${found}`,
      hint,
    );
  }
  const top = topLevel[0] ?? "";
  const isFolder = !files.has(top);
  if (!isFolder || !APP_FOLDER.test(top)) {
    return fail(
      "nextcloud/top-folder",
      `${label}!${top}`,
      `top-level entry '${top}' is not an app folder (a folder of lowercase ASCII letters, digits and underscores)`,
      hint,
    );
  }
  if (top !== appId) {
    return fail(
      "nextcloud/top-folder",
      `${label}!${top}`,
      `the app folder must be named after the app id '${appId}', not '${top}'`,
      hint,
    );
  }
  const infoPath = `${top}/appinfo/info.xml`;
  if (!files.has(infoPath)) {
    return fail(
      "nextcloud/missing-info-xml",
      `${label}!${infoPath}`,
      `${infoPath} is missing; every Nextcloud app needs appinfo/info.xml`,
      "add appinfo/info.xml (see https://docs.nextcloud.com/server/latest/developer_manual/app_development/info.html)",
    );
  }
  return { infoPath, diagnostics: [] };
}
