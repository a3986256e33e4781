import fc from "fast-check";

/** Seed and number of cases of one run of a property. */
export interface FuzzRun {
  seed: number;
  numRuns: number;
}

/**
 * One property of the long fuzz run (`npm run fuzz`), with its own generator. Register a
 * new one in `properties.ts` (one file per generator); the CI tests run the same property
 * with a fixed seed and fewer cases.
 */
export interface FuzzProperty {
  /** Name given to `npm run fuzz -- --only <name>`. */
  name: string;
  /** Share of `--runs` this property runs: 1 for cheap properties, e.g. 1/5 for ones that spawn tools. */
  share: number;
  /** Runs the property; never throws (a failure is in the outcome, see {@link outcomeOf}). */
  check: (run: FuzzRun) => Promise<FuzzOutcome>;
}

/** Cases run, and fast-check's report (seed, path, shrunk counterexample) when the property failed. */
export interface FuzzOutcome {
  numRuns: number;
  failure?: string;
}

/** The outcome of fast-check's `check`. */
export function outcomeOf<T>(details: fc.RunDetails<T>): FuzzOutcome {
  return details.failed ? { numRuns: details.numRuns, failure: fc.defaultReportMessage(details) } : { numRuns: details.numRuns };
}
