import { mkdirSync, readFileSync, rmSync } from "node:fs";
import { replaceFileSync } from "../fs/replace-file.ts";
import path from "node:path";
import v8 from "node:v8";
import type { RegistryFileRefs } from "../index/build-index.ts";
import type { RegistryFilesStore } from "../index/build-registry.ts";
import {
  keepInStore,
  linkStored,
  type OutputStore,
  pruneStore,
  type StoredFile,
  verifyStored,
} from "./output-store.ts";

/** What the store's record file holds: the key, the pins index.json gives the files, and the files in the store. */
interface RegistryFilesRecord {
  key: string;
  refs: RegistryFileRefs;
  stored: StoredFile[];
}

/**
 * The registry-wide files of the last build (`assembleRegistryFiles`: helm/index.yaml,
 * catalog.json, the bins, names.json, the Nextcloud API) kept in an engine's manifest cache
 * folder (`<folder>/files/registry/<sha256>`, hard links of the published files, and the
 * record `<folder>/registry-files.bin`), by `registryFilesKey`. A build whose key is the
 * kept one links them into its staging folder instead of assembling, schema-checking and
 * writing them (at 10,000 apps about 0.8 s of a warm build). Store files are checked as the
 * apps' are (`verifyStored`: inode, size and modification time, else the content's SHA-256);
 * anything missing, changed or unreadable makes the build assemble them afresh. One set is
 * kept: keeping a new one removes the old files.
 */
export function registryFilesStoreIn(cacheFolder: string): RegistryFilesStore {
  const store: OutputStore = { dir: path.join(cacheFolder, "files", "registry") };
  const recordFile = path.join(cacheFolder, "registry-files.bin");
  const write = (record: RegistryFilesRecord) => {
    mkdirSync(cacheFolder, { recursive: true });
    replaceFileSync(recordFile, v8.serialize(record));
  };
  return {
    reuse(key, dir, made) {
      const record = readRecord(recordFile);
      if (record?.key !== key) return undefined;
      const checked = verifyStored(store, record.stored);
      if (!checked) return undefined;
      try {
        linkStored(store, checked, dir, made);
      } catch {
        // Linked files are replaced by the build's own writes (`writeFilesInto` replaces files).
        return undefined;
      }
      // A store file whose stat changed but not its content: recorded again, so the next build need not hash it.
      if (checked.some((file, i) => file !== record.stored[i])) {
        try {
          write({ ...record, stored: checked });
        } catch {
          // Only costs the next build a hash.
        }
      }
      return { refs: record.refs, files: checked.length };
    },
    keep(key, refs, files, dir) {
      try {
        // The pins hold each file's SHA-256 already (computed from these bytes by `assembleRegistryFiles`).
        const pins = [
          refs.catalog,
          refs.helmIndex,
          refs.names,
          ...Object.values(refs.bins.files),
          ...(refs.nextcloudApi ?? []),
        ];
        const digests = new Map(pins.map((pin) => [pin.path, pin.sha256]));
        const stored = keepInStore(store, files, (file) => path.join(dir, file), digests);
        if (!stored) {
          rmSync(recordFile, { force: true });
          return;
        }
        write({ key, refs, stored });
        pruneStore(store, new Set(stored.map((file) => file.sha256)));
      } catch {
        // A cache that cannot be written only costs the next build time.
      }
    },
  };
}

/** The record in `file`; undefined when it is missing or not a record. */
function readRecord(file: string): RegistryFilesRecord | undefined {
  try {
    const value = v8.deserialize(readFileSync(file)) as Partial<RegistryFilesRecord> | null;
    return value && typeof value.key === "string" && value.refs && Array.isArray(value.stored)
      ? (value as RegistryFilesRecord)
      : undefined;
  } catch {
    return undefined;
  }
}
