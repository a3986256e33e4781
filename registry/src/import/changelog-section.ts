/**
 * The section of a CHANGELOG.md for one version, as the Nextcloud app store reads it on
 * upload (nextcloud/appstore docs: a `## <version>` heading, optionally followed by
 * ` - <YYYY-MM-DD>`, Keep a Changelog style): the text up to the next `## ` heading,
 * trimmed, and the heading's date when it has one.
 *
 * @returns undefined when no heading names the version
 */
export function changelogSection(markdown: string, version: string): { text: string; date?: string } | undefined {
  const lines = markdown.replace(/\r\n?/g, "\n").split("\n");
  const escaped = version.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const heading = new RegExp(`^##\\s+\\[?v?${escaped}\\]?(?:\\s+-\\s+(\\d{4}-\\d{2}-\\d{2}))?\\s*$`);
  const start = lines.findIndex((l) => heading.test(l));
  if (start < 0) return undefined;
  const date = heading.exec(lines[start] ?? "")?.[1];
  const end = lines.findIndex((l, i) => i > start && /^##\s/.test(l));
  const text = lines
    .slice(start + 1, end < 0 ? undefined : end)
    .join("\n")
    .trim();
  return date === undefined ? { text } : { text, date };
}
