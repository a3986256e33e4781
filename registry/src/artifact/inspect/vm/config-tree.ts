import type { ConfigItem, ConfigJson } from "./vm-package.ts";

/** A config.json item and where it is: its keys from the root, and its path in the JSON (for lines). */
export interface PlacedItem {
  item: ConfigItem;
  /** e.g. `["cluster", "kafka", "memory"]`. */
  keys: string[];
  /** e.g. `["properties", 0, "properties", 3, "properties", 1]`. */
  path: (string | number)[];
}

/** Every item of the tree, depth-first in file order. */
export function walkConfig(config: ConfigJson): PlacedItem[] {
  const visit = (items: readonly ConfigItem[], keys: string[], path: (string | number)[]): PlacedItem[] =>
    items.flatMap((item, index) => {
      const placed = { item, keys: [...keys, item.key], path: [...path, "properties", index] };
      return [placed, ...visit(item.properties ?? [], placed.keys, placed.path)];
    });
  return visit(config.properties, [], []);
}

/** The user-facing parameters (leaves, not `array` groups), as dotted keys: `cluster.kafka.memory`. */
export function parameterKeys(config: ConfigJson): string[] {
  return walkConfig(config)
    .filter(({ item }) => item.type !== "array")
    .map(({ keys }) => keys.join("."));
}

/**
 * The item a template reference names, e.g. `["cluster", "kafka", "memory"]` for
 * `{{.cluster.kafka.memory}}`. A key may itself contain dots (`common.param`): it is
 * matched as several segments, or as one segment with `_` for `.` (`env.common_param`),
 * which is how the spec's own cluster.json.tmpl example refers to it.
 */
export function findItem(items: readonly ConfigItem[], segments: readonly string[]): ConfigItem | undefined {
  for (let n = segments.length; n >= 1; n--) {
    const head = segments.slice(0, n).join(".");
    for (const item of items.filter((i) => i.key === head || i.key.replace(/\./g, "_") === head)) {
      if (n === segments.length) return item;
      const inner = findItem(item.properties ?? [], segments.slice(n));
      if (inner) return inner;
    }
  }
  return undefined;
}
