import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseYaml } from "../manifest/parse-yaml.ts";
import { error } from "../report/diagnostic.ts";
import { checkPublishers, type PublisherList } from "./check-publishers.ts";
import { PUBLISHERS_DIR } from "./publisher-record.ts";

/** The publisher folder's files as read: each record's file name and text, and the names that are not records. */
export interface PublisherFiles {
  /** `<id>.yaml` files (of the ids asked for), in name order, with their text (UTF-8). */
  records: { name: string; text: string }[];
  /** Entries that are not `<id>.yaml` records (a folder's name ends in `/`). */
  stray: string[];
}

/**
 * Reads and checks every publisher record under `<root>/.github/appshelf/publishers/`
 * (`*.yaml`; any other file there is `publisher/unexpected-file`). A registry without the
 * folder has no publishers (every app then fails `app/publisher-exists`). A few small
 * files: each validation thread reads them once.
 *
 * @param only read (and check) only the records of these publisher ids, e.g. those a
 *   pull request's apps name or its changed files are; every record when undefined
 */
export function readPublishers(root: string, only?: ReadonlySet<string>): PublisherList {
  return checkPublisherFiles(readPublisherFiles(root, only));
}

/** The files {@link readPublishers} checks, read (no parse). */
export function readPublisherFiles(root: string, only?: ReadonlySet<string>): PublisherFiles {
  const dir = path.join(root, PUBLISHERS_DIR);
  let names: string[] = [];
  try {
    names = readdirSync(dir, { withFileTypes: true })
      .map((e) => (e.isFile() ? e.name : `${e.name}/`))
      .sort();
  } catch {
    names = [];
  }
  const stray = names.filter((n) => !/^[a-z0-9][a-z0-9-]*\.yaml$/.test(n));
  const records = names
    .filter((n) => !stray.includes(n) && (only === undefined || only.has(n.slice(0, -".yaml".length))))
    .map((name) => ({ name, text: readFileSync(path.join(dir, name), "utf8") }));
  return { records, stray };
}

/** {@link readPublishers}' checks of files read by {@link readPublisherFiles}: YAML, schema, id, stray files. Pure. */
export function checkPublisherFiles(files: PublisherFiles): PublisherList {
  const list = checkPublishers(files.records.map(({ name, text }) => parseYaml(`${PUBLISHERS_DIR}/${name}`, text)));
  list.diagnostics.push(
    ...files.stray.map((n) =>
      error(
        "publisher/unexpected-file",
        `${PUBLISHERS_DIR}/${n}`,
        undefined,
        `${PUBLISHERS_DIR}/ holds only <publisher-id>.yaml records (lowercase letters, digits and '-')`,
      ),
    ),
  );
  return list;
}
