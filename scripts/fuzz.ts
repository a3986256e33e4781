/**
 * The long run of the property tests of issue 9 (`registry/test/hostile/fuzz-properties.ts`;
 * CI runs the same properties with a fixed seed and few cases in `fuzz.test.ts`):
 * `npm run fuzz -- [--runs 5000] [--seed <n>] [--only yaml|xml|archives]`.
 *
 * Inputs: --runs (cases per property, default 2000; the archive and info.xml properties run
 * a fifth of it, each case costs more), --seed (default: fresh, printed so a failure can be
 * replayed), --only (one property). Exit code 1 when a property fails: fast-check prints the
 * seed, the path and the shrunk counterexample.
 */
import { parseArgs } from "node:util";
import fc from "fast-check";
import { archiveInspectorProperty, infoXmlProperty, manifestLoaderProperty } from "../registry/test/hostile/fuzz-properties.ts";

const { values } = parseArgs({ options: { runs: { type: "string", default: "2000" }, seed: { type: "string" }, only: { type: "string" } } });
const runs = Number(values.runs);
const seed = values.seed === undefined ? Date.now() % 2 ** 31 : Number(values.seed);
if (!Number.isSafeInteger(runs) || runs < 1 || !Number.isSafeInteger(seed)) {
  console.error("usage: node scripts/fuzz.ts [--runs <n>] [--seed <n>] [--only yaml|xml|archives]");
  process.exit(2);
}

/** Cases run, and fast-check's report when the property failed. */
function outcome<T>(details: fc.RunDetails<T>): { numRuns: number; failure?: string } {
  return details.failed ? { numRuns: details.numRuns, failure: fc.defaultReportMessage(details) } : { numRuns: details.numRuns };
}

const properties = {
  yaml: async () => outcome(await fc.check(manifestLoaderProperty(), { seed, numRuns: runs })),
  xml: async () => outcome(await fc.check(infoXmlProperty(), { seed, numRuns: Math.ceil(runs / 5) })),
  archives: async () => outcome(await fc.check(await archiveInspectorProperty(), { seed, numRuns: Math.ceil(runs / 5) })),
};

let failed = false;
for (const [name, run] of Object.entries(properties)) {
  if (values.only !== undefined && values.only !== name) continue;
  const started = Date.now();
  const { numRuns, failure } = await run();
  console.log(`${name}: ${numRuns} cases, seed ${seed}, ${Date.now() - started} ms: ${failure === undefined ? "ok" : "FAILED"}`);
  if (failure !== undefined) {
    failed = true;
    console.log(failure);
  }
}
process.exit(failed ? 1 : 0);
