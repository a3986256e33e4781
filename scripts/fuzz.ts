/**
 * The long run of the fuzz targets (`registry/test/hostile/fuzz-targets.ts`: the readers of
 * issue 9 and the generators of issue 13; CI runs the same targets with a fixed seed and few
 * cases in `fuzz.test.ts`): `npm run fuzz -- [--runs 5000] [--seed <n>] [--only name,...] [--list]`.
 *
 * Inputs: --runs (cases per target, default 2000; a target of cost c runs ceil(runs / c)),
 * --seed (default: fresh, printed so a failure can be replayed), --only (comma-separated
 * target names), --list (print every target's name and what it checks, then exit). Exit
 * code 1 when a target fails: fast-check prints the seed, the path and the shrunk counterexample.
 */
import { parseArgs } from "node:util";
import fc from "fast-check";
import { FUZZ_TARGETS } from "../registry/test/hostile/fuzz-targets.ts";

const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "2000" },
    seed: { type: "string" },
    only: { type: "string" },
    list: { type: "boolean", default: false },
  },
});
if (values.list) {
  for (const target of FUZZ_TARGETS) console.log(`${target.name}\t${target.what}`);
  process.exit(0);
}
const runs = Number(values.runs);
const seed = values.seed === undefined ? Date.now() % 2 ** 31 : Number(values.seed);
const only = values.only?.split(",");
const unknown = only?.filter((name) => !FUZZ_TARGETS.some((t) => t.name === name)) ?? [];
if (!Number.isSafeInteger(runs) || runs < 1 || !Number.isSafeInteger(seed) || unknown.length > 0) {
  console.error(
    `usage: node scripts/fuzz.ts [--runs <n>] [--seed <n>] [--only ${FUZZ_TARGETS.map((t) => t.name).join("|")}[,...]] [--list]`,
  );
  process.exit(2);
}

let failed = false;
const started = Date.now();
for (const target of FUZZ_TARGETS) {
  if (only !== undefined && !only.includes(target.name)) continue;
  const begun = Date.now();
  const details = await target.check({ seed, numRuns: Math.ceil(runs / target.cost) });
  console.log(
    `${target.name}: ${details.numRuns} cases, seed ${seed}, ${Date.now() - begun} ms: ${details.failed ? "FAILED" : "ok"}`,
  );
  if (details.failed) {
    failed = true;
    console.log(fc.defaultReportMessage(details));
  }
}
console.log(`total: ${Date.now() - started} ms, seed ${seed}`);
process.exit(failed ? 1 : 0);
