import semver from "semver";
import type { ApiApp, NextcloudApiShare } from "./api-types.ts";

/** Folder of the API inside the output; a Nextcloud server's `appstoreurl` is `<site>/api/v1`. */
export const NEXTCLOUD_API_DIR = "api/v1";

/**
 * English names of the app store's categories (info.xsd `category`), as apps.nextcloud.com
 * shows them; an id not listed is shown as itself.
 */
const CATEGORY_NAMES: Record<string, string> = {
  ai: "AI",
  customization: "Customization",
  dashboard: "Dashboard",
  files: "Files",
  games: "Games",
  integration: "Integration",
  monitoring: "Monitoring",
  multimedia: "Multimedia",
  office: "Office & text",
  organization: "Organization",
  search: "Search",
  security: "Security",
  social: "Social & communication",
  tools: "Tools",
  workflow: "Flow",
};

/** The API files and what was left out of them. */
export interface NextcloudApiFiles {
  /** JSON values by path under the output folder (`api/v1/apps.json`, ...). */
  files: Map<string, unknown>;
  /** Build warnings: each version left out, and why. */
  warnings: string[];
}

/**
 * The static Nextcloud app store API (nextcloud/appstore `docs/api/restapi.rst`) from each
 * app's share ({@link nextcloudApiApp}), pure:
 * - `api/v1/apps.json`: every app with at least one listed release, by id;
 * - `api/v1/platform/<major>.0.0/apps.json`: for each Nextcloud major some release admits,
 *   the apps with the releases whose `platformVersionSpec` admits it (apps without one are
 *   left out, as the store does);
 * - `api/v1/platforms.json`: those versions (`hasRelease`, `isSupported` true: a release
 *   here supports them);
 * - `api/v1/categories.json`: the categories the listed apps use, with English names.
 * Relative download URLs (hosted copies) are made absolute with `siteUrl`; without it such
 * a release is left out with a warning, since a Nextcloud server needs an HTTPS URL.
 */
export function buildNextcloudApi(
  shares: readonly NextcloudApiShare[],
  siteUrl: string | undefined,
): NextcloudApiFiles {
  const warnings: string[] = [];
  const apps: ApiApp[] = [];
  for (const share of [...shares].sort((a, b) => (a.app.id < b.app.id ? -1 : 1))) {
    for (const o of share.omitted)
      warnings.push(`${share.app.id} ${o.version} is left out of the Nextcloud API: ${o.reason}`);
    const releases = share.app.releases.flatMap((release) => {
      if (/^https:\/\//.test(release.download)) return [release];
      if (siteUrl !== undefined)
        return [
          {
            ...release,
            download: new URL(release.download, siteUrl.endsWith("/") ? siteUrl : `${siteUrl}/`).toString(),
          },
        ];
      warnings.push(
        `${share.app.id} ${release.version} is left out of the Nextcloud API: its download is a hosted copy and the site URL is unknown (pass --site-url)`,
      );
      return [];
    });
    if (releases.length > 0) apps.push({ ...share.app, releases });
  }
  const files = new Map<string, unknown>();
  files.set(`${NEXTCLOUD_API_DIR}/apps.json`, apps);
  const platforms = platformVersions(apps);
  for (const platform of platforms) {
    const compatible = apps.flatMap((app) => {
      const releases = app.releases.filter((r) => semver.satisfies(platform, r.platformVersionSpec));
      return releases.length > 0 ? [{ ...app, releases }] : [];
    });
    files.set(`${NEXTCLOUD_API_DIR}/platform/${platform}/apps.json`, compatible);
  }
  files.set(
    `${NEXTCLOUD_API_DIR}/platforms.json`,
    platforms.map((version) => ({ hasRelease: true, version, isSupported: true })),
  );
  const categories = [...new Set(apps.flatMap((a) => a.categories))].sort();
  files.set(
    `${NEXTCLOUD_API_DIR}/categories.json`,
    categories.map((id) => ({ id, translations: { en: { name: CATEGORY_NAMES[id] ?? id, description: "" } } })),
  );
  return { files, warnings };
}

/**
 * `<major>.0.0` for every Nextcloud major from the lowest minimum to the highest maximum
 * of the listed releases (a release without a maximum counts up to the highest major
 * another release names, or its own minimum), in semver order.
 */
function platformVersions(apps: readonly ApiApp[]): string[] {
  const bounds = apps.flatMap((a) => a.releases.map((r) => majorsOf(r.rawPlatformVersionSpec)));
  const highest = Math.max(0, ...bounds.flatMap((b) => [b.min ?? 0, b.max ?? 0]));
  const majors = new Set<number>();
  for (const b of bounds) {
    const from = b.min ?? 0;
    const to = b.max ?? Math.max(highest, from);
    for (let m = from; m <= to && to - from < 100; m++) majors.add(m);
  }
  return [...majors].sort((a, b) => a - b).map((m) => `${m}.0.0`);
}

function majorsOf(raw: string): { min?: number; max?: number } {
  const min = raw.match(/>=(\d+)/)?.[1];
  const max = raw.match(/<=(\d+)/)?.[1];
  return { ...(min !== undefined ? { min: Number(min) } : {}), ...(max !== undefined ? { max: Number(max) } : {}) };
}
