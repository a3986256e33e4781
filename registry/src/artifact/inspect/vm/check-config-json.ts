import type { ParsedYaml } from "../../../manifest/parse-yaml.ts";
import { error, type Diagnostic } from "../../../report/diagnostic.ts";
import { walkConfig, type PlacedItem } from "./config-tree.ts";
import type { ConfigItem, ConfigJson, PackageFile } from "./vm-package.ts";

/**
 * Rules on the config.json parameter tree, after its shape (OpenPitrix packaging spec,
 * "config.json 文件" and "数据类型"). Each diagnostic points at the item's line.
 * - `vm/config-group`: an `array` item groups parameters in a non-empty `properties`; other types have none.
 * - `vm/config-duplicate-key`: sibling items share a key (the template could not tell them apart).
 * - `vm/config-default`: a parameter has no `default` ("type and default are mandatory"),
 *   or one of another type than its `type`.
 * - `vm/config-range`: `range` values are not of the parameter's type, or the default is
 *   not among them (each part of a multichoice default, split by `separator`).
 * - `vm/config-min-max`: `min`/`max` on a type other than integer/number, `min` > `max`,
 *   or a default outside them.
 * - `vm/config-pattern`: `pattern` is not a regular expression, or the default does not match it.
 * - `vm/config-reserved`: the `cluster` group lacks the reserved `name`, `description`
 *   and `vxnet` items ("系统预留(即必须提供)的项").
 */
export function checkConfigJson({ parsed, value }: PackageFile<ConfigJson>): Diagnostic[] {
  if (!value) return [];
  const problems: [PlacedItem, string, string][] = [];
  for (const placed of walkConfig(value)) {
    for (const [ruleId, message] of itemProblems(placed.item)) problems.push([placed, ruleId, message]);
  }
  const diagnostics = problems.map(([placed, ruleId, message]) =>
    error(ruleId, parsed.file, parsed.locate(placed.path), `${placed.keys.join(".")}: ${message}`),
  );
  return [...diagnostics, ...duplicateKeys(value, parsed), ...reservedItems(value, parsed)];
}

function itemProblems(item: ConfigItem): [ruleId: string, message: string][] {
  if (item.type === "array") {
    return item.properties && item.properties.length > 0
      ? []
      : [["vm/config-group", "an array item groups parameters: give it a non-empty properties list"]];
  }
  if (item.properties !== undefined)
    return [["vm/config-group", `a ${item.type} parameter cannot have properties; only array items group parameters`]];
  if (!("default" in item))
    return [
      ["vm/config-default", `the parameter has no default; the spec requires type and default for every parameter`],
    ];
  if (!hasType(item.default, item.type))
    return [["vm/config-default", `default ${JSON.stringify(item.default)} is not ${article(item.type)}`]];
  return [...rangeProblems(item), ...minMaxProblems(item), ...patternProblems(item)];
}

function rangeProblems(item: ConfigItem): [string, string][] {
  if (item.range === undefined) return [];
  const wrong = item.range.filter((v) => !hasType(v, item.type));
  if (wrong.length > 0)
    return [["vm/config-range", `range value ${JSON.stringify(wrong[0])} is not ${article(item.type)}`]];
  const chosen =
    item.multichoice && typeof item.default === "string" ? item.default.split(item.separator ?? ",") : [item.default];
  const outside = chosen.filter((v) => !item.range?.includes(v) && !(v === "" && item.required === false));
  return outside.length > 0
    ? [["vm/config-range", `default ${JSON.stringify(outside[0])} is not in range ${JSON.stringify(item.range)}`]]
    : [];
}

function minMaxProblems(item: ConfigItem): [string, string][] {
  if (item.min === undefined && item.max === undefined) return [];
  if (item.type !== "integer" && item.type !== "number")
    return [["vm/config-min-max", `min and max apply to integer and number parameters, not ${item.type}`]];
  if (item.min !== undefined && item.max !== undefined && item.min > item.max)
    return [["vm/config-min-max", `min ${item.min} is greater than max ${item.max}`]];
  const value = item.default as number;
  if ((item.min !== undefined && value < item.min) || (item.max !== undefined && value > item.max)) {
    return [["vm/config-min-max", `default ${value} is outside [${item.min ?? "-∞"}, ${item.max ?? "∞"}]`]];
  }
  return [];
}

function patternProblems(item: ConfigItem): [string, string][] {
  if (item.pattern === undefined) return [];
  let pattern: RegExp;
  try {
    pattern = new RegExp(item.pattern);
  } catch {
    return [["vm/config-pattern", `pattern '${item.pattern}' is not a regular expression`]];
  }
  return typeof item.default === "string" && item.default !== "" && !pattern.test(item.default)
    ? [["vm/config-pattern", `default '${item.default}' does not match pattern '${item.pattern}'`]]
    : [];
}

function duplicateKeys(config: ConfigJson, { file, locate }: ParsedYaml): Diagnostic[] {
  const groups = [
    { items: config.properties, path: [] as (string | number)[] },
    ...walkConfig(config).map(({ item, path }) => ({ items: item.properties ?? [], path })),
  ];
  return groups.flatMap(({ items, path }) => {
    const seen = new Set<string>();
    return items.flatMap((item, index) => {
      if (!seen.has(item.key)) return (seen.add(item.key), []);
      return [
        error(
          "vm/config-duplicate-key",
          file,
          locate([...path, "properties", index, "key"]),
          `the key '${item.key}' is used twice in the same group`,
        ),
      ];
    });
  });
}

function reservedItems(config: ConfigJson, { file, locate }: ParsedYaml): Diagnostic[] {
  const index = config.properties.findIndex((item) => item.key === "cluster" && item.type === "array");
  const cluster = config.properties[index];
  if (!cluster)
    return [
      error(
        "vm/config-reserved",
        file,
        locate([]),
        "config.json has no 'cluster' group (type array) with the reserved name, description and vxnet items",
      ),
    ];
  const keys = new Set((cluster.properties ?? []).map((item) => item.key));
  const missing = ["name", "description", "vxnet"].filter((key) => !keys.has(key));
  return missing.length === 0
    ? []
    : [
        error(
          "vm/config-reserved",
          file,
          locate(["properties", index]),
          `the cluster group lacks the reserved item${missing.length > 1 ? "s" : ""} ${missing.join(", ")}`,
        ),
      ];
}

function hasType(value: unknown, type: ConfigItem["type"]): boolean {
  switch (type) {
    case "integer":
      return Number.isInteger(value);
    case "number":
      return typeof value === "number";
    case "boolean":
      return typeof value === "boolean";
    default:
      return typeof value === "string";
  }
}

function article(type: string): string {
  return type === "integer" ? "an integer" : `a ${type}`;
}
