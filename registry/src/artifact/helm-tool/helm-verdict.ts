import { createHash } from "node:crypto";
import { mkdir, readFile } from "node:fs/promises";
import { replaceFile } from "../../fs/replace-file.ts";
import os from "node:os";
import path from "node:path";
import { isRecord } from "../../manifest/is-record.ts";
import { parseLintOutput, parseTemplateError, type HelmProblem } from "./parse-helm-output.ts";
import { reportRenderedManifests, type RenderReport } from "./render-report.ts";
import type { HelmBinary } from "./resolve-helm.ts";
import { DEFAULT_HELM_LIMITS, runHelm, type HelmRunLimits } from "./run-helm.ts";

/** Bumped when what a verdict holds or how it is read changes, so older cache entries are not used. */
const VERDICT_FORMAT = 3;

/** What real Helm said about one chart archive. */
export interface HelmVerdict {
  /** Version of the Helm binary that judged it, e.g. `v4.1.4`. */
  helm: string;
  /** `--kube-version` given to lint and template, if any (e.g. `v1.20.0`). */
  kubeVersion?: string;
  /** Problems from `helm lint --strict` and `helm template` (a template problem that repeats a lint one is left out). */
  problems: HelmProblem[];
  /** What the chart renders to, when `helm template` succeeded. */
  render?: RenderReport;
}

/** The chart to judge: its bytes, their sha256, its file name and top-level folder. */
export interface HelmSubject {
  bytes: Buffer;
  sha256: string;
  fileName: string;
  top: string;
  kubeVersion?: string;
}

/** Default folder of cached verdicts: `$XDG_CACHE_HOME/appshelf/helm-verdicts`, else under `~/.cache`. */
export function defaultVerdictDir(): string {
  return path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), ".cache"), "appshelf", "helm-verdicts");
}

/**
 * Runs `helm lint --strict` and then `helm template --include-crds` (release name
 * `release`, namespace `default`, the chart's default values, `--kube-version` when given)
 * on the archive through {@link runHelm}, and reads their output. What Helm printed (not
 * our reading of it) is cached in `cacheDir` under a key of the archive's sha256, the Helm
 * version and the kube version: the same bytes judged by the same Helm give the same
 * verdict, and a better reading of Helm's messages applies to cached runs too.
 */
export async function judgeChart(
  helm: HelmBinary,
  subject: HelmSubject,
  cacheDir?: string,
  limits: HelmRunLimits = DEFAULT_HELM_LIMITS,
): Promise<HelmVerdict> {
  const key = createHash("sha256")
    .update(JSON.stringify([VERDICT_FORMAT, subject.sha256, helm.version, subject.kubeVersion ?? null, limits]))
    .digest("hex");
  const file = cacheDir ? path.join(cacheDir, `${key}.json`) : undefined;
  let runs = file ? await readRuns(file) : undefined;
  if (!runs) {
    runs = await runChecks(helm, subject, limits);
    if (cacheDir) await writeRuns(cacheDir, key, runs);
  }
  return readVerdict(runs, subject, limits);
}

/** What the two Helm commands printed, as cached: the render is kept as its report only. */
interface HelmRuns {
  helm: string;
  lint: { code: number | null; output: string; cut?: "timeout" | "output" };
  template: { code: number | null; stderr: string; cut?: "timeout" | "output" };
  render?: RenderReport;
}

async function runChecks(helm: HelmBinary, subject: HelmSubject, limits: HelmRunLimits): Promise<HelmRuns> {
  const kube = subject.kubeVersion ? ["--kube-version", subject.kubeVersion] : [];
  const chart = { fileName: subject.fileName, bytes: subject.bytes };
  const lint = await runHelm(helm.path, ["lint", "--strict", ...kube, "{chart}"], chart, limits);
  const template = await runHelm(
    helm.path,
    ["template", "release", "{chart}", "--namespace", "default", "--include-crds", ...kube],
    chart,
    limits,
  );
  const runs: HelmRuns = {
    helm: helm.version,
    lint: { code: lint.code, output: `${lint.stdout}\n${lint.stderr}`, ...(lint.cut ? { cut: lint.cut } : {}) },
    template: { code: template.code, stderr: template.stderr, ...(template.cut ? { cut: template.cut } : {}) },
  };
  if (template.code === 0 && !template.cut)
    runs.render = reportRenderedManifests(template.stdout, `helm ${helm.version}`, subject.kubeVersion);
  return runs;
}

function readVerdict(runs: HelmRuns, subject: HelmSubject, limits: HelmRunLimits): HelmVerdict {
  const { lint, template } = runs;
  const problems: HelmProblem[] = lint.cut
    ? [cutShort("helm/lint", "helm lint", lint.cut, limits)]
    : parseLintOutput(lint.output, subject.top);
  if (lint.code !== 0 && problems.length === 0)
    problems.push({
      ruleId: "helm/lint",
      message: `helm lint --strict failed (exit ${lint.code ?? "killed"}) without a message`,
    });
  if (template.cut) problems.push(cutShort("helm/template", "helm template", template.cut, limits));
  else if (template.code !== 0) {
    const problem = parseTemplateError(template.stderr, subject.top);
    if (!problems.some((p) => repeats(p, problem))) problems.push(problem);
  }
  const verdict: HelmVerdict = { helm: runs.helm, problems };
  if (subject.kubeVersion) verdict.kubeVersion = subject.kubeVersion;
  if (runs.render) verdict.render = runs.render;
  return verdict;
}

/** True when a template problem says what a lint problem already said (same file and line, or same words). */
function repeats(lint: HelmProblem, template: HelmProblem): boolean {
  if (lint.path !== undefined && lint.path === template.path && lint.line === template.line) return true;
  return lint.message.includes(template.message) || template.message.includes(lint.message);
}

function cutShort(
  ruleId: HelmProblem["ruleId"],
  what: string,
  cut: "timeout" | "output",
  limits: HelmRunLimits,
): HelmProblem {
  return {
    ruleId,
    message:
      cut === "timeout"
        ? `${what} did not finish within ${limits.timeoutMs} ms and was stopped`
        : `${what} printed more than ${limits.maxOutputBytes} bytes and was stopped`,
  };
}

async function readRuns(file: string): Promise<HelmRuns | undefined> {
  try {
    const value: unknown = JSON.parse(await readFile(file, "utf8"));
    const usable =
      isRecord(value) &&
      typeof value.helm === "string" &&
      isRecord(value.lint) &&
      typeof value.lint.output === "string" &&
      isRecord(value.template) &&
      typeof value.template.stderr === "string";
    return usable ? (value as unknown as HelmRuns) : undefined;
  } catch {
    return undefined;
  }
}

async function writeRuns(dir: string, key: string, runs: HelmRuns): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
    await replaceFile(path.join(dir, `${key}.json`), JSON.stringify(runs));
  } catch {
    // A cache that cannot be written only costs time on the next run.
  }
}
