import { describe, expect, it } from "vitest";
import type { NativeName } from "./native-names.ts";
import { encodeNameTable, nameTableEntry, type NameTable } from "./name-table.ts";

/** The table as `JSON.stringify` of the whole object writes it, apps added in id order: the reference the encoder must equal. */
function reference(apps: readonly { id: string; versionNames: readonly NativeName[] }[]): Buffer {
  const table: NameTable = { formatVersion: 1, apps: {} };
  for (const app of [...apps].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    const byName = new Map<string, { kind: NativeName["kind"]; name: string; files: string[] }>();
    for (const claim of app.versionNames) {
      const key = `${claim.kind}\u0000${claim.name}`;
      const entry = byName.get(key) ?? { kind: claim.kind, name: claim.name, files: [] };
      entry.files.push(claim.file.slice(`apps/${app.id}/versions/`.length));
      byName.set(key, entry);
    }
    if (byName.size === 0) continue;
    table.apps[app.id] = [...byName.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, e]) => ({ ...e, files: [...new Set(e.files)].sort() }));
  }
  return Buffer.from(`${JSON.stringify(table)}\n`);
}

const claims = (id: string, n: number): NativeName[] =>
  Array.from({ length: n }, (_, i) => ({
    kind: i % 2 === 0 ? "helm chart" : "Compose project",
    name: i % 3 === 0 ? `${id}-x` : id,
    app: id,
    file: `apps/${id}/versions/${i % 2 === 0 ? "helm" : "compose"}/${(n - i) % 4}.0.0.yaml`,
  }));

describe("encodeNameTable", () => {
  // Ids that are array indices ("0", "7", "10", "4294967294") are listed first by JSON.stringify; "007", "4294967295" and "1a" are not indices.
  const ids = ["tasks", "7", "10", "0", "007", "4294967294", "4294967295", "1a", "a1", "empty", "z"];
  const apps = ids.map((id, i) => ({ id, versionNames: id === "empty" ? [] : claims(id, 1 + (i % 5)) }));

  it("writes the bytes JSON.stringify of the whole table writes, from claims or from encoded entries", () => {
    const expected = reference(apps);
    expect(encodeNameTable(apps).equals(expected)).toBe(true);
    const encoded = apps.map((a) => ({
      id: a.id,
      versionNames: [],
      nameTableEntry: nameTableEntry(a.id, a.versionNames) ?? "",
    }));
    expect(encodeNameTable(encoded).equals(expected)).toBe(true);
    const mixed = apps.map((a, i) => (i % 2 === 0 ? a : (encoded[i] ?? a)));
    expect(encodeNameTable(mixed).toString()).toBe(expected.toString());
    expect(encodeNameTable([]).toString()).toBe('{"formatVersion":1,"apps":{}}\n');
  });

  it("lists array-index ids first, as JavaScript orders object keys (a control that the case above is not trivial)", () => {
    const order = Object.keys((JSON.parse(encodeNameTable(apps).toString()) as NameTable).apps);
    expect(order).toEqual(["0", "7", "10", "4294967294", "007", "1a", "4294967295", "a1", "tasks", "z"]);
  });
});
