import { UsageError } from "../errors/appshelf-error.ts";
/**
 * One of `count` parts of the registry's apps, validated by one job of a CI matrix
 * (`appshelf validate --partition <index>/<count>`, index from 0; `--shard` is the old
 * name of the option). Not to be confused with a shard, the per-app index file
 * `apps/<id>.json`, or a cache bucket (`manifest-cache.ts`).
 */
export interface Partition {
  index: number;
  count: number;
}

/**
 * Reads `i/n` (0 <= i < n <= 256), e.g. `0/4` from a GitHub Actions matrix.
 *
 * @param flag the option it was given as, for the message
 * @throws UsageError naming the expected form
 */
export function parsePartition(text: string, flag = "--partition"): Partition {
  const match = /^(\d+)\/(\d+)$/.exec(text);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || count > 256 || index >= count)
    throw new UsageError(`${flag} must be <index>/<count> with 0 <= index < count <= 256, e.g. 0/4, not '${text}'`);
  return { index, count };
}

/**
 * Which of `count` slots an app id falls in: FNV-1a (32 bits) of the id modulo `count`.
 * Stable across machines, runs and registry growth (an app never moves while `count`
 * stays), and spreads ids evenly. Picks both an app's partition and its cache bucket.
 */
export function slotOf(appId: string, count: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < appId.length; i++) {
    hash ^= appId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % count;
}

/** True when the app belongs to `partition`. */
export function inPartition(appId: string, partition: Partition): boolean {
  return slotOf(appId, partition.count) === partition.index;
}
