import { readCheckedJson } from "../errors/read-checked-json.ts";
import type { NameKind, NativeName } from "./native-names.ts";

/**
 * The native-name table a publish writes (`names.json`, schema/names.schema.json): every
 * name each app holds and the version files claiming it (relative to `apps/<id>/versions/`).
 */
export interface NameTable {
  formatVersion: 1;
  apps: Record<string, { kind: NameKind; name: string; files: string[] }[]>;
}

/**
 * `names.json` bytes from each app's per-version claims (`versionNamesOf`, one entry per
 * version file): compact JSON (a pull-request check reads it whole: 2.4 MB instead of
 * 4 MB indented at 10,000 apps x 10 versions), apps by id, names by kind then name, files
 * sorted, so an unchanged registry gives byte-identical bytes. An app may bring its entry
 * already encoded (`nameTableEntry`, as a build keeps it for each app; `""` when it claims
 * no name). Pure.
 *
 * The bytes are those of `JSON.stringify` of the whole {@link NameTable} with the apps added in
 * id order (tested against it): object keys that are array indices (an app id such as `"7"`)
 * come first, in numeric order, as JavaScript orders them.
 *
 * @param apps each app's id and per-version claims (`file` = `apps/<id>/versions/<delivery>/<file>.yaml`), or its encoded entry
 */
export function encodeNameTable(
  apps: readonly { id: string; versionNames: readonly NativeName[]; nameTableEntry?: string }[],
): Buffer {
  const sorted = [...apps].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const indices = sorted.filter((a) => isArrayIndex(a.id)).sort((a, b) => Number(a.id) - Number(b.id));
  const parts: string[] = [];
  for (const app of [...indices, ...sorted.filter((a) => !isArrayIndex(a.id))]) {
    const entry = app.nameTableEntry ?? nameTableEntry(app.id, app.versionNames) ?? "";
    if (entry !== "") parts.push(`${JSON.stringify(app.id)}:${entry}`);
  }
  return Buffer.from(`{"formatVersion":1,"apps":{${parts.join(",")}}}\n`);
}

/**
 * One app's entry of `names.json` (see {@link encodeNameTable}) as JSON text: its names by kind
 * then name, each with the sorted files claiming it; undefined when it claims none. A build
 * keeps this short text for each app instead of its claims. Pure.
 */
export function nameTableEntry(appId: string, versionNames: readonly NativeName[]): string | undefined {
  const byName = new Map<string, { kind: NameKind; name: string; files: string[] }>();
  for (const claim of versionNames) {
    const key = `${claim.kind}\u0000${claim.name}`;
    const entry = byName.get(key) ?? { kind: claim.kind, name: claim.name, files: [] };
    entry.files.push(claim.file.slice(`apps/${appId}/versions/`.length));
    byName.set(key, entry);
  }
  if (byName.size === 0) return undefined;
  return JSON.stringify(
    [...byName.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, e]) => ({ ...e, files: [...new Set(e.files)].sort() })),
  );
}

/** True when a property key is an array index (`0` to 2^32 - 2 in canonical form): JavaScript lists such keys first. */
function isArrayIndex(key: string): boolean {
  return /^(0|[1-9][0-9]{0,9})$/.test(key) && Number(key) < 2 ** 32 - 1;
}

/**
 * Reads `names.json` bytes and checks them against schema/names.schema.json.
 *
 * @param where file or URL, for messages
 * @throws InputError (`input/names`) naming `where` when the bytes are not JSON or not a valid table
 */
export function decodeNameTable(bytes: Buffer, where: string): NameTable {
  const data = readCheckedJson(bytes, "names", "input/names", where, 5);
  return data as NameTable;
}

/**
 * The names the base branch holds according to a table published from commit S, for the
 * apps unchanged between S and the base: every name of an app outside `changedApps`, and,
 * for an app in it, the names of its version files that are still there unchanged (a path
 * not in `changedPaths`). The apps in `changedApps` must also be read from the base itself
 * (`scanBaseNames`): what they hold now that the table cannot know. Pure.
 *
 * Why this is exact: a version's name is a function of its app id, its version file and
 * the artifact bytes that file pins by digest, so an unchanged file claims at the base what
 * it claimed at S.
 *
 * @param changedApps app ids with any path under `apps/<id>/` changed between S and the base
 * @param changedPaths repo paths changed between S and the base (added, modified, deleted)
 * @returns one entry per app, kind and name; `file` is the first claiming file's repo path
 */
export function namesFromTable(
  table: NameTable,
  changedApps: ReadonlySet<string>,
  changedPaths: ReadonlySet<string>,
): NativeName[] {
  const names: NativeName[] = [];
  for (const [app, entries] of Object.entries(table.apps)) {
    const changed = changedApps.has(app);
    for (const entry of entries) {
      // Full paths only where they are compared: an unchanged app keeps every file.
      const first = changed
        ? entry.files.map((f) => `apps/${app}/versions/${f}`).find((f) => !changedPaths.has(f))
        : entry.files[0] && `apps/${app}/versions/${entry.files[0]}`;
      if (first) names.push({ kind: entry.kind, name: entry.name, app, file: first });
    }
  }
  return names;
}
