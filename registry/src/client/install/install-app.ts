import { readFile } from "node:fs/promises";
import path from "node:path";
import type { ComposeVariable } from "../../artifact/inspect/compose/compose-variables.ts";
import { sha256Hex } from "../../artifact/digest.ts";
import { ClientError } from "../../errors/client-error.ts";
import type { Registry } from "../open-registry.ts";
import { pullApp, type PullReport, type PullRequest } from "../pull-app.ts";
import { chooseDelivery } from "../resolve-version.ts";
import { missingVariables, namesInEnvFile, requiredComposeVariables } from "./compose-requirements.ts";
import { parseSetVariables, planInstall, type InstallOptions, type NativeCommand } from "./plan-install.ts";
import { commandLine } from "./shell-quote.ts";

/** The outside world of an install, passed in (the CLI gives the terminal and child processes; tests give fakes). */
export interface InstallIo {
  /** Asks for a variable's value; absent when there is no terminal to ask on. */
  ask?: (variable: ComposeVariable) => Promise<string>;
  /** Asks whether to run `line`; absent when there is no terminal to ask on. */
  confirm?: (line: string) => Promise<boolean>;
  /** Runs the command (inheriting the terminal) and resolves to its exit code. */
  run: (command: NativeCommand) => Promise<number>;
  /** Prints a line of progress. */
  print: (line: string) => void;
  /** Told what the pull verified and wrote, before anything else is printed. */
  onPull?: (pull: PullReport) => void;
  /** The environment the native tool inherits (Compose reads variables from it). */
  environment: Record<string, string | undefined>;
}

/** What to install: a pull request plus the options for the native tool; `yes` skips the question. */
export interface InstallRequest extends PullRequest {
  options: InstallOptions;
  yes: boolean;
}

/** What an install did. */
export interface InstallReport {
  pull: PullReport;
  command: NativeCommand;
  /** The command as printed (variable values hidden). */
  line: string;
  /** False when the user declined. */
  ran: boolean;
  /** The tool's exit code, when it ran. */
  exitCode?: number;
}

/**
 * `appshelf install`: checks the options against the app's delivery type (before any
 * download), pulls and verifies the artifact exactly like {@link pullApp}, works out what
 * the native tool needs (for Compose, the required variables of the verified file, from
 * --set, --compose-env-file, the environment, or asked for on a terminal), prints the exact
 * command, asks before running it unless `yes`, re-checks the file's sha256 against the
 * shard's pin right before running, and runs it.
 *
 * @throws ClientError for every refusal of the pull; `usage` (exit 2) for options that do
 *   not apply, missing variables with no terminal to ask on, or no terminal to confirm on
 *   without `yes`; `digest-mismatch` when the file changed after it was verified.
 */
export async function installApp(registry: Registry, request: InstallRequest, io: InstallIo): Promise<InstallReport> {
  const shard = await registry.shard(request.id);
  const delivery = chooseDelivery(shard, request.delivery);
  planInstall(shard.id, delivery, "<verified file>", request.options);
  const pull = await pullApp(registry, { ...request, delivery });
  io.onPull?.(pull);
  const file = path.resolve(pull.artifact.file);
  const variables = delivery === "compose" ? await composeValues(file, pull, request.options, io) : {};
  const command = planInstall(shard.id, delivery, file, request.options, variables);
  const line = commandLine(command.program, command.args, Object.keys(command.env));
  io.print(`Will run: ${line}`);
  if (!request.yes) {
    if (!io.confirm)
      throw new ClientError(
        "usage",
        `not on a terminal, so appshelf cannot ask before running: ${line}`,
        `pass --yes to run it without asking; the verified file is ${file}`,
      );
    if (!(await io.confirm(line))) {
      io.print(`Not run. The verified file stays at ${file}.`);
      return { pull, command, line, ran: false };
    }
  }
  await readVerified(file, pull);
  const exitCode = await io.run(command);
  return { pull, command, line, ran: true, exitCode };
}

/** Values for the required variables no --set, env file or environment gives: asked for, or a usage error listing them. */
async function composeValues(
  file: string,
  pull: PullReport,
  options: InstallOptions,
  io: InstallIo,
): Promise<Record<string, string>> {
  const bytes = await readVerified(file, pull);
  const required = requiredComposeVariables(bytes, file);
  const envFile =
    options.envFile !== undefined ? namesInEnvFile(await readFile(options.envFile, "utf8")) : new Set<string>();
  const missing = missingVariables(required, {
    set: parseSetVariables(options.set),
    envFile,
    environment: io.environment,
  });
  if (missing.length === 0) return {};
  if (!io.ask) {
    const list = missing.map((v) => `${v.name}${v.message ? ` (${v.message})` : ""}`).join(", ");
    throw new ClientError(
      "usage",
      `${pull.id} ${pull.version.version} needs ${list}, and there is no terminal to ask on`,
      `pass --set NAME=value for each, or --compose-env-file <file> with NAME=value lines; the verified file is ${file}`,
    );
  }
  const values: Record<string, string> = {};
  for (const v of missing) values[v.name] = await io.ask(v);
  return values;
}

/** The file's bytes, once more checked against the sha256 the shard pins (it sat on disk since it was verified). */
async function readVerified(file: string, pull: PullReport): Promise<Buffer> {
  const bytes = await readFile(file);
  if (sha256Hex(bytes) !== pull.artifact.sha256) {
    throw new ClientError(
      "digest-mismatch",
      `${file} changed after it was verified (sha256 ${sha256Hex(bytes)}, pinned ${pull.artifact.sha256}): not running it`,
    );
  }
  return bytes;
}
