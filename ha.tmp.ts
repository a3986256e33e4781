import fc from "fast-check";
import { appshelfTarList, paxArchiveArbitrary, paxArchiveBytes } from "./registry/test/hostile/fuzz/pax-archives.ts";
const counts = new Map<string, number>();
for (const a of fc.sample(paxArchiveArbitrary(), { seed: 13, numRuns: 300 })) {
  const r = await appshelfTarList(paxArchiveBytes(a));
  const k = r.ok ? "ok" : r.error.replace(/'[^']*'/g, "'…'").slice(0, 90);
  counts.set(k, (counts.get(k) ?? 0) + 1);
}
console.log([...counts].sort((a, b) => b[1] - a[1]));
