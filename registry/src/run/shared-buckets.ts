import { CACHE_BUCKETS } from "./manifest-cache.ts";

/**
 * Cache buckets any validation thread may take (the last ones a thread comes to: each
 * thread validates its own buckets, then claims shared ones until none is left), so threads
 * that start late or go slower do not keep the others waiting at the end. A quarter of the
 * buckets: each claimed one's apps are validated by exactly one thread (its pack has one
 * owner, as every bucket's).
 */
export const SHARED_BUCKETS = CACHE_BUCKETS / 4;

/** True for a bucket among the {@link SHARED_BUCKETS} (the highest-numbered ones). */
export function isShared(bucket: number): boolean {
  return bucket >= CACHE_BUCKETS - SHARED_BUCKETS;
}

/** A fresh claims buffer for one run: one free slot per cache bucket. */
export function newClaims(): SharedArrayBuffer {
  return new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT * CACHE_BUCKETS);
}

/**
 * A thread's `claim` over the run's `claims` (see `AppsContext.claim`): true for a bucket that
 * is not shared, and for a shared one this thread claims first (an atomic compare-and-set,
 * `Atomics.compareExchange`, so two threads never both get it).
 */
export function claimOf(claims: SharedArrayBuffer): (bucket: number) => boolean {
  const slots = new Int32Array(claims);
  return (bucket) => !isShared(bucket) || Atomics.compareExchange(slots, bucket, 0, 1) === 0;
}
