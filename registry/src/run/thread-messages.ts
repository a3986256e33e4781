import type { PublisherRecord } from "../publisher/publisher-record.ts";
import type { ReleaseAssetHosting } from "../index/release-assets/release-asset-url.ts";
import type { ValidateOptions } from "../validate/validate-options.ts";
import type { AppsRecord } from "./apps-record.ts";
import type { RunOutput } from "./run-options.ts";

/** What a validation thread is given (`workerData`). */
export interface ThreadInput {
  ids: string[];
  /** What the run validates (plain data: functions cannot cross threads). */
  options: ValidateOptions;
  /** What to keep of each app, and whether index files host helm charts. */
  output: RunOutput;
  hostArtifacts: boolean;
  /** With output "index": host copies as GitHub Release assets of this repository (`build --release-assets`). */
  releaseAssets?: ReleaseAssetHosting;
  /** With output "index": the build's staging folder, each app's files written there as built. */
  stagingDir?: string;
  categories: string[];
  /** The publisher records the caller read (`readPublishers`), so a thread does not parse them again; read by the thread when absent. */
  publishers?: Map<string, PublisherRecord>;
  /**
   * The manifest cache: folder, engine key, digests of the app folders Git vouches for whole
   * and blob ids of the files it vouches for outside them (`listWorkTree`: all of them; a
   * thread looks up its own apps'), and the buckets to write back.
   */
  cache?: {
    dir: string;
    key: string;
    blobIds: ReadonlyMap<string, string>;
    folders: ReadonlyMap<string, string>;
    buckets: number[];
  };
  /**
   * Claims of the shared cache buckets (`SHARED_BUCKETS`, one `Int32Array` slot per bucket:
   * 0 free, 1 claimed), shared by every thread of the run: `ids` holds the shared buckets'
   * apps too, and the thread validates those of a bucket only when it claims it first.
   */
  claims?: SharedArrayBuffer;
}

/** What a validation thread posts: progress (apps checked since the last message), each batch's result, then "done", or its failure. */
export type ThreadMessage =
  | { type: "progress"; apps: number }
  | { type: "batch"; record: AppsRecord }
  | { type: "done" }
  | { type: "failed"; message: string; stack?: string };
