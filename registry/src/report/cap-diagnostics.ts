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
 * follows them, counting the rest (an error when any left-out diagnostic is an error).
 */
export function capPerFile(list: readonly Diagnostic[], max = MAX_DIAGNOSTICS_PER_FILE): Diagnostic[] {
  const counts = new Map<string, { kept: number; omitted: number; errors: boolean }>();
  const kept: Diagnostic[] = [];
  for (const d of list) {
    const count = counts.get(d.file) ?? { kept: 0, omitted: 0, errors: false };
    counts.set(d.file, count);
    if (count.kept < max || d.ruleId === "report/truncated") {
      if (d.ruleId !== "report/truncated") count.kept++;
      kept.push(d);
    } else {
      count.omitted++;
      count.errors ||= d.severity === "error";
    }
  }
  for (const [file, count] of counts)
    if (count.omitted > 0) kept.push(omittedProblems(file, count.omitted, count.errors ? "error" : "warning"));
  return kept;
}
