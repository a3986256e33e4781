/** One of `count` parts of the registry's apps (`appshelf validate --shard <index>/<count>`, index from 0). */
export interface Shard {
  index: number;
  count: number;
}

/**
 * Reads `i/n` (0 <= i < n <= 256), e.g. `0/4` from a GitHub Actions matrix.
 *
 * @throws Error naming the expected form
 */
export function parseShard(text: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || count > 256 || index >= count) throw new Error(`--shard must be <index>/<count> with 0 <= index < count <= 256, e.g. 0/4, not '${text}'`);
  return { index, count };
}

/**
 * Which of `count` parts an app belongs to: FNV-1a (32 bits) of its id modulo `count`.
 * Stable across machines, runs and registry growth (an app never moves while `count`
 * stays), and spreads ids evenly.
 */
export function shardOf(appId: string, count: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < appId.length; i++) {
    hash ^= appId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % count;
}

/** True when the app belongs to `shard`. */
export function inShard(appId: string, shard: Shard): boolean {
  return shardOf(appId, shard.count) === shard.index;
}
