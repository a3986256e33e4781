import type { AppIndexFiles } from "../index/build-index.ts";
import type { PositionTable } from "../manifest/position-table.ts";
import type { DeliveryType } from "../manifest/types.ts";
import type { Diagnostic } from "../report/diagnostic.ts";
import type { StoredFile } from "./output-store.ts";

/**
 * One parsed manifest as an app result keeps it: only what the artifact checks read of it
 * (`checkVersionArtifact`: the data, the file, positions for messages).
 */
export interface KeptManifest {
  file: string;
  data: unknown;
  /** The position table (`position-table.ts`); undefined when the file did not parse. */
  positions?: PositionTable;
  valid: boolean;
}

/**
 * Everything one app folder gave a run apart from its artifact checks, which depend on more
 * than the folder (mirrors, the network, the ledger) and so run every time: the layout
 * problems, the parse, schema and rule problems, the manifests the artifact checks read,
 * and (once built) the index files with a key of the artifact results they were built from.
 * Plain data (`v8.serialize`), kept in the manifest cache by `appResultKey` (`app-result.ts`).
 */
export interface AppResult {
  /** Layout problems found reading the folder (`loadApp`). */
  layout: Diagnostic[];
  /** Parse, schema and rule problems, in the order a run reports them. */
  diagnostics: Diagnostic[];
  /** Version files read (`LoadedApp.versions`). */
  versions: number;
  /** Publisher ids the manifests name, sorted, and `publishersKeyOf` their records when the result was made. */
  publishers: { ids: string[]; key: string };
  /** Categories app.yaml names, and `categoriesTokenOf` them and the category list when the result was made. */
  categories: { named: string[]; token: string };
  /** app.yaml when it parsed: of its data and positions only the Nextcloud code-signing certificate (all the artifact checks read). */
  app?: KeptManifest;
  /** Each version file that parsed, with its folder and file version, in the run's order. */
  versionFacts: (KeptManifest & { folder: DeliveryType; fileVersion: string })[];
  /**
   * The app's index files and `artifactKeyOf` the artifact results they were built
   * from; null for an app that gets none (not valid). Absent until a build made them.
   * With `stored`, the files' bytes are not here (`files.files` is empty) but in the cache's
   * output store (`output-store.ts`), which a build staging its output links them from.
   */
  index?: { artifactKey: string; files: AppIndexFiles | null; stored?: StoredFile[] };
}
