import { describe, expect, it } from "vitest";
import { parseYaml } from "./parse-yaml.ts";
import { locateInTable, trimPositionTable } from "./position-table.ts";

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
