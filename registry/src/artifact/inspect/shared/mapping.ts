/** A YAML or JSON mapping as plain data. */
export type Mapping = Record<string, unknown>;

/** True for a YAML or JSON mapping (an object; not a list, not null). */
export function isMapping(value: unknown): value is Mapping {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
