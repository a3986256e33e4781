import type { LoadedApp } from "../manifest/load-registry.ts";
import type { ParsedYaml } from "../manifest/parse-yaml.ts";
import type { PositionTable } from "../manifest/position-table.ts";
import type { Diagnostic } from "../report/diagnostic.ts";
import { restoreParsed } from "./manifest-store.ts";
import type { AppFacts } from "../validate/rules/index.ts";
import type { AppsValidation } from "./apps-validation.ts";

/** A {@link ParsedYaml} without its functions, to cross a thread boundary. */
interface ParsedRecord {
  file: string;
  data: unknown;
  diagnostics: Diagnostic[];
  positions?: PositionTable;
}

type Icon = { file: string; bytes: Uint8Array };
type LoadedAppRecord = Omit<LoadedApp, "app" | "versions" | "icon"> & {
  app?: ParsedRecord;
  versions: (Omit<LoadedApp["versions"][number], "parsed"> & { parsed: ParsedRecord })[];
  icon?: Icon;
};
type AppFactsRecord = Omit<AppFacts, "app" | "versions" | "icon" | "categories"> & {
  app?: Omit<NonNullable<AppFacts["app"]>, "parsed"> & { parsed: ParsedRecord };
  versions: (Omit<AppFacts["versions"][number], "parsed"> & { parsed: ParsedRecord })[];
  icon?: Icon;
};

/**
 * {@link AppsValidation} as plain data for `postMessage` (structured clone): every
 * `ParsedYaml` becomes a record of its file, data, position table and parse diagnostics. A
 * `ParsedYaml` used in several places becomes one record, so the data is copied once.
 */
export type AppsRecord = Omit<AppsValidation, "loaded" | "facts"> & {
  loaded: LoadedAppRecord[];
  facts: AppFactsRecord[];
};

/**
 * The record of a validation, to post to the thread that asked for it. Without
 * `keepFacts` the apps' files and facts are left out (the asker wants diagnostics, or the
 * index files).
 */
export function toAppsRecord(validation: AppsValidation, keepFacts: boolean): AppsRecord {
  if (!keepFacts) return { ...validation, loaded: [], facts: [], metadata: new Map() };
  const records = new Map<ParsedYaml, ParsedRecord>();
  const record = (parsed: ParsedYaml): ParsedRecord => {
    let found = records.get(parsed);
    if (!found) {
      found = { file: parsed.file, data: parsed.data, diagnostics: parsed.diagnostics };
      if (parsed.positions) found.positions = parsed.positions;
      records.set(parsed, found);
    }
    return found;
  };
  const loaded = validation.loaded.map((app) => ({
    ...app,
    app: app.app && record(app.app),
    versions: app.versions.map((v) => ({ ...v, parsed: record(v.parsed) })),
  }));
  const facts = validation.facts.map(({ categories: _shared, ...app }) => ({
    ...app,
    app: app.app && { ...app.app, parsed: record(app.app.parsed) },
    versions: app.versions.map((v) => ({ ...v, parsed: record(v.parsed) })),
  }));
  return { ...validation, loaded, facts };
}

/**
 * A validation back from its record. Positions come from each file's position table (or,
 * without one, from parsing the file under `root` again when a diagnostic asks).
 * `categories` is put back into every app's facts.
 */
export function fromAppsRecord(record: AppsRecord, root: string, categories: ReadonlySet<string>): AppsValidation {
  const parsed = new Map<ParsedRecord, ParsedYaml>();
  const restore = (r: ParsedRecord): ParsedYaml => {
    let found = parsed.get(r);
    if (!found) {
      found = restoreParsed(root, r.file, r.data, r.diagnostics, r.positions);
      parsed.set(r, found);
    }
    return found;
  };
  const bytes = (icon: Icon | undefined) =>
    icon && { file: icon.file, bytes: Buffer.from(icon.bytes.buffer, icon.bytes.byteOffset, icon.bytes.byteLength) };
  const loaded = record.loaded.map((app): LoadedApp => {
    const result: LoadedApp = {
      id: app.id,
      dir: app.dir,
      versions: app.versions.map((v) => ({ ...v, parsed: restore(v.parsed) })),
    };
    if (app.app) result.app = restore(app.app);
    const icon = bytes(app.icon);
    if (icon) result.icon = icon;
    return result;
  });
  const facts = record.facts.map((app): AppFacts => {
    const result: AppFacts = {
      folder: app.folder,
      categories,
      versions: app.versions.map((v) => ({ ...v, parsed: restore(v.parsed) })),
    };
    if (app.app) result.app = { ...app.app, parsed: restore(app.app.parsed) };
    const icon = bytes(app.icon);
    if (icon) result.icon = icon;
    return result;
  });
  const restored: AppsValidation = { ...record, loaded, facts };
  if (record.index) {
    // Bytes arrive as Uint8Arrays: view them as Buffers again (no copy).
    restored.index = record.index.map((app) => ({
      ...app,
      files: new Map([...app.files].map(([file, b]) => [file, Buffer.from(b.buffer, b.byteOffset, b.byteLength)])),
    }));
  }
  return restored;
}
