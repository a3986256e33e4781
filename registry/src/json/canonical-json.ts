/**
 * Serialises generated data as stable, human-diffable JSON: two-space indent, a final
 * newline, and language maps ordered with `en` first, then by tag. Object key order is
 * otherwise the order the builder wrote, which is fixed, so the same input gives
 * byte-identical output.
 */
export function canonicalJson(value: unknown): Buffer {
  return Buffer.from(`${JSON.stringify(value, orderLanguageMaps, 2)}\n`, "utf8");
}

function orderLanguageMaps(_key: string, value: unknown): unknown {
  if (value && typeof value === "object" && !Array.isArray(value) && "en" in value) {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.every(([k, v]) => typeof v === "string" && /^[a-z]{2,3}(-|$)/.test(k))) {
      entries.sort(([a], [b]) => (a === "en" ? -1 : b === "en" ? 1 : a < b ? -1 : a > b ? 1 : 0));
      return Object.fromEntries(entries);
    }
  }
  return value;
}
