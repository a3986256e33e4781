import fc from "fast-check";

/**
 * One property of the fuzz run: `npm run fuzz` (`scripts/fuzz.ts`) runs every target with
 * as many cases as asked and a fresh seed; `fuzz.test.ts` runs every target in CI with a
 * fixed seed and `ciRuns` cases. Register a new target in `fuzz-targets.ts`.
 */
export interface FuzzTarget {
  /** Short name, as `--only` takes it, e.g. "yaml". */
  name: string;
  /** What is fuzzed and what must hold, one sentence. */
  what: string;
  /** Relative cost of one case: the script runs `ceil(runs / cost)` cases. */
  cost: number;
  /** Cases CI runs (seeded, in `fuzz.test.ts`). */
  ciRuns: number;
  /** Runs the property; fast-check's details, `failed` when a case broke it. */
  check(parameters: { seed: number; numRuns: number }): Promise<fc.RunDetails<unknown>>;
}

/**
 * A {@link FuzzTarget} from a property factory (sync or async property, built lazily so a
 * target whose inputs are costly to load costs nothing unless it runs).
 */
export function fuzzTarget<Ts extends unknown[]>(
  name: string,
  what: string,
  options: { cost: number; ciRuns: number },
  property: () => fc.IRawProperty<Ts, boolean> | Promise<fc.IRawProperty<Ts, boolean>>,
): FuzzTarget {
  return {
    name,
    what,
    ...options,
    async check(parameters) {
      return (await fc.check(await property(), parameters)) as fc.RunDetails<unknown>;
    },
  };
}
