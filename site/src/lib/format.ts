/** Human-readable byte size in binary units: 54222 -> "53 KiB". */
export function formatBytes(bytes: number): string {
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 || value >= 10 ? 0 : 1;
  return `${value.toFixed(digits)} ${units[unit]}`;
}

/**
 * The file name `curl -O` saves a URL under: the last segment of its path, as written (as
 * the WHATWG URL parser reads it). Remembered by URL: each version's install steps name its
 * file two or three times, in each language's page (at 10,000 apps over 400,000 calls
 * for 100,000 URLs).
 */
export function fileNameOf(url: string): string {
  let name = fileNames.get(url);
  if (name === undefined) {
    const path = new URL(url, "https://placeholder.invalid/").pathname;
    const last = path.slice(path.lastIndexOf("/") + 1);
    name = last === "" || last === "." || last === ".." ? "download" : last;
    if (fileNames.size >= FILE_NAMES_KEPT) fileNames.clear();
    fileNames.set(url, name);
  }
  return name;
}

/** Most URLs {@link fileNameOf} remembers (a few MB at this bound). */
const FILE_NAMES_KEPT = 200_000;
const fileNames = new Map<string, string>();

/** Quotes a word for a POSIX shell when it holds anything beyond safe characters. */
export function shellQuote(word: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
