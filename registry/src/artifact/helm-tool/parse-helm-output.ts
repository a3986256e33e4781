/**
 * One problem Helm reported, located inside the chart archive. Kept apart from the
 * archive's label so a cached verdict can be reported under any file name.
 */
export interface HelmProblem {
  /** `helm/lint` (from `helm lint --strict`) or `helm/template` (from `helm template`). */
  ruleId: "helm/lint" | "helm/template";
  /** Path inside the archive (`harbor/templates/core/core-dpl.yaml`); undefined for the archive as a whole. */
  path?: string;
  /** 1-based line and column in that file, when Helm gave them. */
  line?: number;
  column?: number;
  /** Helm's own words. */
  message: string;
}

/** A `chart/templates/x.yaml:12` or `chart/templates/x.yaml:12:7` location in a Go template error (in parentheses or not). */
const LOCATION = /([^\s():"<>]+):(\d+)(?::(\d+))?/g;
/** `YAML parse error on chart/templates/x.yaml:` (the line Helm gives there is in the rendered text, not the source). */
const YAML_ON = /\b(?:parse error|error) on ([^\s:]+\.(?:ya?ml|tpl|txt|json)):/;
/** Where in the chart Helm's text says a problem is when it gives no file (`helm template` errors). */
const TOPICS: readonly [RegExp, string][] = [
  [/dependenc|charts\/ directory/i, "Chart.yaml"],
  [
    /chart\.metadata|chart metadata|Chart\.yaml|apiVersion|kubeVersion|library charts? (?:is|are) not installable/i,
    "Chart.yaml",
  ],
  [/against metaschema|values\.schema\.json/i, "values.schema.json"],
  [/values don't meet the specifications|schema\(s\)/i, "values.yaml"],
];

/**
 * Reads `helm lint --strict` output: every `[ERROR]` and `[WARNING]` entry (with
 * `--strict` a warning fails the lint too) with its continuation lines; `[INFO]` entries
 * are left out. An entry reads `<path in chart>: <message>`; the location is the
 * `(file:line[:col])` inside the message when there is one, else that path.
 *
 * @param top the chart's top-level folder in the archive
 */
export function parseLintOutput(output: string, top: string): HelmProblem[] {
  const entries: { level: string; text: string }[] = [];
  for (const line of output.split(/\r?\n/)) {
    const head = /^\[(ERROR|WARNING|INFO)\] (.*)$/.exec(line);
    if (head) entries.push({ level: head[1] ?? "", text: head[2] ?? "" });
    else if (line.trim() !== "" && !isFrame(line) && entries.length > 0)
      entries[entries.length - 1]!.text += `\n${line}`;
  }
  return entries
    .filter((e) => e.level !== "INFO")
    .map(({ text }) => {
      const split = /^([^\s:]*): ([\s\S]*)$/.exec(text);
      const within = split?.[1];
      const message = (split ? split[2] : text) ?? text;
      const base =
        within === undefined || within === "" || within === top ? undefined : `${top}/${within.replace(/^\.\//, "")}`;
      return locate("helm/lint", message, top, base);
    });
}

/**
 * Reads the error `helm template` printed to stderr (everything after `Error: `, without
 * Helm's log lines and its `--debug` advice), or a note when it was cut short.
 *
 * @param top the chart's top-level folder in the archive
 */
export function parseTemplateError(stderr: string, top: string): HelmProblem {
  const lines = stderr
    .split(/\r?\n/)
    .filter((l) => l.trim() !== "" && !/^level=/.test(l) && !/^Use --debug flag/.test(l));
  const start = lines.findIndex((l) => l.startsWith("Error: "));
  const message =
    (start >= 0 ? lines.slice(start).join("\n").slice("Error: ".length) : lines.join("\n")).trim() ||
    "helm template failed without a message";
  return locate("helm/template", message, top, undefined);
}

function locate(ruleId: HelmProblem["ruleId"], message: string, top: string, base: string | undefined): HelmProblem {
  const problem: HelmProblem = { ruleId, message: message.trim().replace(/\s*\n\s*/g, " ") };
  const at = [...message.matchAll(LOCATION)].find((m) => m[1]?.startsWith(`${top}/`));
  if (at?.[1]) {
    problem.path = at[1];
    problem.line = Number(at[2]);
    if (at[3]) problem.column = Number(at[3]);
    return problem;
  }
  const on = YAML_ON.exec(message);
  const topic = TOPICS.find(([pattern]) => pattern.test(message));
  // A file Helm named wins; its `templates/` prefix is also used for chart-wide problems.
  if (on?.[1]?.startsWith(`${top}/`)) problem.path = on[1];
  else if (base !== undefined && !base.endsWith("/")) problem.path = base;
  else if (topic) problem.path = `${top}/${topic[1]}`;
  else if (base !== undefined) problem.path = base;
  return problem;
}

/** Helm's framing lines around lint entries. */
function isFrame(line: string): boolean {
  return /^==> Linting /.test(line) || /^(?:Error: )?\d+ chart\(s\) linted/.test(line) || /^level=/.test(line);
}
