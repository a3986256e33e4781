import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { REPO_ROOT } from "./temp-registry.ts";

/** What one run of the command gave: exit code and both outputs. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs the real `appshelf` command (bin/appshelf.js) with the Node running the tests, in
 * `cwd` (default: the repository) with `env` (default: this process's), not on a terminal.
 */
export async function runAppshelf(
  args: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<CliRun> {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      [path.join(REPO_ROOT, "bin/appshelf.js"), ...args],
      {
        cwd: options.cwd ?? REPO_ROOT,
        env: options.env ?? process.env,
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    return { code: 0, stdout, stderr };
  } catch (cause) {
    const e = cause as CliRun;
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}
