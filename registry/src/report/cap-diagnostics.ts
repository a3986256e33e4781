import { error, warning, type Diagnostic } from "./diagnostic.ts";

/**
 * Most diagnostics listed per file. A hostile file can hold tens of thousands of problems
 * (40,000 unknown attributes in one info.xml); listing, locating and annotating each costs
 * time and buries the first, useful ones. The rest are counted in one `report/truncated`
 * diagnostic.
 */
export const MAX_DIAGNOSTICS_PER_FILE = 100;

/**
 * Keeps the first `max` items of a list of problems found in one file, before they are
 * located (locating is the costly part), and says how many were left out.
 *
 * @returns `kept` (at most `max`) and `omitted` (how many more there were)
 */
export function firstProblems<T>(
  problems: readonly T[],
  max = MAX_DIAGNOSTICS_PER_FILE,
): { kept: T[]; omitted: number } {
  return { kept: problems.slice(0, max), omitted: Math.max(0, problems.length - max) };
}

/**
 * The `report/truncated` diagnostic counting `omitted` problems of `file` that were not
 * listed: an error when any left-out problem is (or may be) an error, else a warning.
 */
export function omittedProblems(file: string, omitted: number, severity: Diagnostic["severity"] = "error"): Diagnostic {
  const message = `${omitted} more problem${omitted === 1 ? "" : "s"} in this file ${omitted === 1 ? "is" : "are"} not listed (the first ${MAX_DIAGNOSTICS_PER_FILE} are)`;
  return (severity === "error" ? error : warning)(
    "report/truncated",
    file,
    undefined,
    message,
    "fix the problems listed and run the check again",
  );
}

/**
 * Caps a list of diagnostics at `max` per file, in linear time: the first `max` of each
 * file are kept in their order, and one `report/truncated` diagnostic per capped file
 * follows them (in the order the files first appear), counting the rest (an error when any
 * left-out diagnostic is an error). A run of diagnostics of one file (a sorted list is one
 * run per file) is counted without a lookup per diagnostic, and a count is a number in a
 * map, not an object (100,000 warnings of as many files, warmed up: about 40 ms against 50-85).
 */
export function capPerFile(list: readonly Diagnostic[], max = MAX_DIAGNOSTICS_PER_FILE): Diagnostic[] {
  /** Diagnostics kept by file, in the order the files first appear. */
  const counts = new Map<string, number>();
  const left = new Map<string, { omitted: number; errors: boolean }>();
  const kept: Diagnostic[] = [];
  let file: string | undefined;
  let count = 0;
  for (const d of list) {
    if (d.file !== file) {
      if (file !== undefined) counts.set(file, count);
      file = d.file;
      count = counts.get(file) ?? 0;
      if (count === 0) counts.set(file, 0);
    }
    if (count < max || d.ruleId === "report/truncated") {
      if (d.ruleId !== "report/truncated") count++;
      kept.push(d);
    } else {
      const omitted = left.get(d.file) ?? { omitted: 0, errors: false };
      left.set(d.file, omitted);
      omitted.omitted++;
      omitted.errors ||= d.severity === "error";
    }
  }
  if (left.size > 0)
    for (const name of counts.keys()) {
      const omitted = left.get(name);
      if (omitted) kept.push(omittedProblems(name, omitted.omitted, omitted.errors ? "error" : "warning"));
    }
  return kept;
}
