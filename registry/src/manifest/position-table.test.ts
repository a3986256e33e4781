import { describe, expect, it } from "vitest";
import { parseYaml } from "./parse-yaml.ts";
import { locateInTable, locateInTableText, trimPositionTable } from "./position-table.ts";

const TEXT = `id: notes
name:
  en: Notes
nextcloud:
  id: notes
  certificate: |
    -----BEGIN CERTIFICATE-----
    MIIB
    -----END CERTIFICATE-----
  other: [1, 2]
links:
  - https://example.org
`;

describe("trimPositionTable keeps what locating the kept paths reads", () => {
  it("locates the kept paths, their prefixes and paths below them as the whole table does", () => {
    const parsed = parseYaml("apps/notes/app.yaml", TEXT);
    const table = parsed.positions;
    expect(table).toBeDefined();
    if (!table) return;
    const trimmed = trimPositionTable(table, [["nextcloud", "certificate"]]);
    expect(trimmed.length).toBeLessThan(table.length);
    const paths = [[], ["nextcloud"], ["nextcloud", "certificate"], ["nextcloud", "certificate", "deeper"], ["nope"]];
    for (const path of paths)
      for (const key of [false, true])
        expect(locateInTable(trimmed, path, key), `${path.join(".")} ${key}`).toEqual(locateInTable(table, path, key));
    // A path that was not kept locates at its deepest kept prefix: the root.
    expect(locateInTable(trimmed, ["links", 0], false)).toEqual(locateInTable(table, [], false));
    expect(locateInTable(table, ["links", 0], false)).not.toEqual(locateInTable(table, [], false));
  });
});

/** Every path into `data`, with a missing key and an index past the end at each level. */
function pathsOf(data: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const paths: (string | number)[][] = [prefix, [...prefix, "missing"], [...prefix, 99]];
  if (Array.isArray(data)) data.forEach((item, i) => paths.push(...pathsOf(item, [...prefix, i])));
  else if (data && typeof data === "object")
    for (const [k, v] of Object.entries(data)) paths.push(...pathsOf(v, [...prefix, k]));
  return paths;
}

describe("locateInTableText: the table's text searched, not decoded", () => {
  it("locates every path as yaml's nodes do, with keys that look like the table's own syntax", () => {
    const text = [
      `'a"b': 1`,
      `'["x"]': 2`,
      `'x",': 3`,
      `'\\': 4`,
      `"back\\\\slash\\"quote": 5`,
      `'[': [ {'],': 6}, '0', 7 ]`,
      `'0': { '1': [ [8] ] }`,
      `ключ: { "名前": 9, "a\\u0000b": 10 }`,
      `empty:`,
      `x: { "x": { "x": 11 } }`,
    ].join("\n");
    const parsed = parseYaml("apps/odd/app.yaml", `${text}\n`);
    expect(parsed.diagnostics).toEqual([]);
    const table = parsed.positions;
    if (!table) throw new Error("no position table");
    for (const path of pathsOf(parsed.data))
      for (const key of [false, true])
        expect(locateInTableText(table, path, key), `${JSON.stringify(path)} ${key}`).toEqual(
          key ? parsed.locateKey(path) : parsed.locate(path),
        );
  });
});
