/**
 * Nextcloud app store categories (info.xsd `category`, after pre-info.xslt maps `auth` to
 * `security`) mapped to Appshelf's (schema/categories.yaml). Several store categories have
 * no exact counterpart; each goes to the closest of ours.
 */
export const NEXTCLOUD_CATEGORY_MAP: Readonly<Record<string, string>> = {
  ai: "ai",
  customization: "organization",
  dashboard: "organization",
  files: "files",
  games: "multimedia",
  integration: "collaboration",
  monitoring: "monitoring",
  multimedia: "multimedia",
  office: "collaboration",
  organization: "organization",
  search: "organization",
  security: "security",
  social: "communication",
  tools: "organization",
  workflow: "organization",
};

/** Our categories for an app's store categories, in their order, without repeats, at most 5; unknown ids are dropped. */
export function mapNextcloudCategories(categories: readonly string[]): string[] {
  const mapped = categories.flatMap((c) => {
    const ours = NEXTCLOUD_CATEGORY_MAP[c];
    return ours === undefined ? [] : [ours];
  });
  return [...new Set(mapped)].slice(0, 5);
}
