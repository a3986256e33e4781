import { describe, expect, it } from "vitest";
import { CACHE_BUCKETS } from "./manifest-cache.ts";
import { claimOf, isShared, newClaims, SHARED_BUCKETS } from "./shared-buckets.ts";

describe("shared cache buckets", () => {
  it("go to the first thread that claims each, while every other bucket stays with its own thread", () => {
    const claims = newClaims();
    const [a, b] = [claimOf(claims), claimOf(claims)];
    const shared = Array.from({ length: CACHE_BUCKETS }, (_, i) => i).filter(isShared);
    expect(shared).toHaveLength(SHARED_BUCKETS);
    expect(shared.at(-1)).toBe(CACHE_BUCKETS - 1);
    for (const bucket of shared) {
      const first = bucket % 2 === 0 ? a : b;
      const second = first === a ? b : a;
      expect(first(bucket)).toBe(true);
      expect(second(bucket)).toBe(false);
      expect(first(bucket)).toBe(false);
    }
    for (let bucket = 0; bucket < CACHE_BUCKETS - SHARED_BUCKETS; bucket++) {
      expect(a(bucket)).toBe(true);
      expect(b(bucket)).toBe(true);
    }
    // Another run's claims start free.
    expect(claimOf(newClaims())(CACHE_BUCKETS - 1)).toBe(true);
  });
});
