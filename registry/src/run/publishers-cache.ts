import { mkdirSync, readFileSync } from "node:fs";
import { replaceFileSync } from "../fs/replace-file.ts";
import path from "node:path";
import v8 from "node:v8";
import type { PublisherList } from "../publisher/check-publishers.ts";
import { checkPublisherFiles, readPublisherFiles } from "../publisher/read-publishers.ts";
import { cacheKeyOf } from "./app-inputs.ts";

/** What the cache file holds: the key of the files checked, and what the check gave. */
interface KeptPublishers {
  key: string;
  list: PublisherList;
}

/**
 * `readPublishers` with its result kept in an engine's manifest cache folder
 * (`<cacheFolder>/publishers.bin`): the records are read every time, and parsed and checked
 * (YAML, schema, ids) only when their names or text, or the ids asked for, differ from the
 * kept result's (at 1,000 records, about 0.3 s of a warm run's start). A cache file that
 * cannot be read or written only costs the check.
 *
 * @param only as `readPublishers`: only the records of these ids
 */
export function readPublishersCached(
  root: string,
  only: ReadonlySet<string> | undefined,
  cacheFolder: string,
): PublisherList {
  const files = readPublisherFiles(root, only);
  const key = cacheKeyOf([
    "publishers",
    only ? [...only].sort() : null,
    files.stray,
    files.records.map((r) => [r.name, r.text]),
  ]);
  const file = path.join(cacheFolder, "publishers.bin");
  try {
    const kept = v8.deserialize(readFileSync(file)) as Partial<KeptPublishers> | null;
    if (kept?.key === key && kept.list?.records instanceof Map && Array.isArray(kept.list.diagnostics))
      return kept.list;
  } catch {
    // Not kept (or unreadable): checked below.
  }
  const list = checkPublisherFiles(files);
  try {
    mkdirSync(cacheFolder, { recursive: true });
    replaceFileSync(file, v8.serialize({ key, list } satisfies KeptPublishers));
  } catch {
    // Only costs the next run the check.
  }
  return list;
}
