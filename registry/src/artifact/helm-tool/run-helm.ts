import { spawn } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { isMainThread } from "node:worker_threads";
import pLimit from "p-limit";

/** Limits of one Helm run. */
export interface HelmRunLimits {
  /** Wall-clock limit of one command in ms; the process is killed (SIGKILL) past it. */
  timeoutMs: number;
  /** Most bytes kept of stdout and of stderr each; the process is killed past it. */
  maxOutputBytes: number;
}

/** Default limits: 60 s and 32 MiB (Harbor's full render is about 0.2 MiB). */
export const DEFAULT_HELM_LIMITS: HelmRunLimits = { timeoutMs: 60_000, maxOutputBytes: 32 * 1024 * 1024 };

/** What one Helm command did. */
export interface HelmRun {
  /** Exit code; null when killed. */
  code: number | null;
  stdout: string;
  stderr: string;
  /** Why the run was cut short, if it was. */
  cut?: "timeout" | "output";
}

/** The chart archive a Helm run works on, and files written beside it (e.g. its `.prov`), by file name. */
export interface HelmChartFile {
  fileName: string;
  bytes: Buffer;
  beside?: ReadonlyMap<string, Buffer>;
}

/**
 * Helm runs at the same time in this process: one per core on the main thread, one per
 * validation thread otherwise (the threads already take a core each).
 */
const slots = pLimit(isMainThread ? Math.max(1, os.availableParallelism()) : 1);

/**
 * Runs `helm <args>` on one chart archive, isolated: the archive is written as
 * `<temp>/chart/<fileName>` (with `beside` files next to it); HOME, HELM_CACHE_HOME, HELM_CONFIG_HOME, HELM_DATA_HOME and
 * the repository/registry files point inside the temp folder (no user repositories,
 * plugins or credentials); KUBECONFIG is an empty file and every proxy variable points at
 * a closed local port, so nothing reaches the network or a cluster. `{chart}` in `args` is
 * replaced by the archive's path. The temp folder is removed afterwards.
 *
 * @param binary path of the Helm executable (see `resolveHelm`)
 */
export async function runHelm(
  binary: string,
  args: readonly string[],
  chart: HelmChartFile,
  limits: HelmRunLimits = DEFAULT_HELM_LIMITS,
): Promise<HelmRun> {
  return slots(async () => {
    const home = await mkdtemp(path.join(os.tmpdir(), "appshelf-helm-"));
    try {
      const chartPath = path.join(home, "chart", path.basename(chart.fileName) || "chart.tgz");
      await mkdir(path.dirname(chartPath));
      await writeFile(chartPath, chart.bytes);
      for (const [name, bytes] of chart.beside ?? [])
        await writeFile(path.join(path.dirname(chartPath), path.basename(name)), bytes);
      await writeFile(path.join(home, "kubeconfig"), "");
      await mkdir(path.join(home, "tmp"));
      const run = await spawnCapped(
        binary,
        args.map((a) => (a === "{chart}" ? chartPath : a)),
        sandboxEnv(home),
        home,
        limits,
      );
      const scrub = (text: string) => scrubPaths(text, home, chartPath, chart.fileName);
      return { ...run, stdout: scrub(run.stdout), stderr: scrub(run.stderr) };
    } finally {
      await rm(home, { recursive: true, force: true });
    }
  });
}

/**
 * Helm's messages without our temp folder: the archive's path becomes its file name, and
 * Helm's own unpacking folder (`<temp>/tmp/helm-lint123/`) is dropped, leaving paths
 * inside the archive.
 */
export function scrubPaths(text: string, home: string, chartPath: string, fileName: string): string {
  const escaped = home.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return text
    .split(chartPath)
    .join(fileName)
    .replace(new RegExp(`${escaped}/tmp/[^/\\s]+/`, "g"), "")
    .split(`${home}/`)
    .join("");
}

/** The whole environment of a Helm run: nothing is inherited from ours. */
function sandboxEnv(home: string): NodeJS.ProcessEnv {
  const closed = "http://127.0.0.1:9";
  return {
    HOME: home,
    TMPDIR: path.join(home, "tmp"),
    PATH: "/usr/bin:/bin",
    HELM_CACHE_HOME: path.join(home, "cache"),
    HELM_CONFIG_HOME: path.join(home, "config"),
    HELM_DATA_HOME: path.join(home, "data"),
    HELM_REPOSITORY_CONFIG: path.join(home, "config", "repositories.yaml"),
    HELM_REPOSITORY_CACHE: path.join(home, "cache", "repository"),
    HELM_REGISTRY_CONFIG: path.join(home, "config", "registry.json"),
    HELM_PLUGINS: path.join(home, "data", "plugins"),
    KUBECONFIG: path.join(home, "kubeconfig"),
    HTTP_PROXY: closed,
    HTTPS_PROXY: closed,
    http_proxy: closed,
    https_proxy: closed,
    NO_PROXY: "",
    no_proxy: "",
  };
}

function spawnCapped(
  binary: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  cwd: string,
  limits: HelmRunLimits,
): Promise<HelmRun> {
  return new Promise((resolve, reject) => {
    // Its own process group, so a kill reaches whatever it started too.
    const child = spawn(binary, args, { env, cwd, stdio: ["ignore", "pipe", "pipe"], detached: true });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const size = { out: 0, err: 0 };
    let cut: HelmRun["cut"];
    const stop = (why: NonNullable<HelmRun["cut"]>) => {
      cut ??= why;
      try {
        if (child.pid !== undefined) process.kill(-child.pid, "SIGKILL");
      } catch {
        child.kill("SIGKILL");
      }
    };
    const timer = setTimeout(() => stop("timeout"), limits.timeoutMs);
    const collect = (into: Buffer[], key: "out" | "err") => (chunk: Buffer) => {
      size[key] += chunk.length;
      if (size[key] > limits.maxOutputBytes) return stop("output");
      into.push(chunk);
    };
    child.stdout.on("data", collect(out, "out"));
    child.stderr.on("data", collect(err, "err"));
    child.on("error", (cause) => {
      clearTimeout(timer);
      reject(cause);
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      const run: HelmRun = {
        code,
        stdout: Buffer.concat(out).toString("utf8"),
        stderr: Buffer.concat(err).toString("utf8"),
      };
      if (cut) run.cut = cut;
      resolve(run);
    });
  });
}
