import type { DeliveryType } from "../../manifest/types.ts";
import { ClientError } from "../../errors/client-error.ts";

/** What the user asked `appshelf install` to pass to the native tool. */
export interface InstallOptions {
  /** Helm release name (default: the app id). */
  release?: string;
  /** Helm `--namespace`. */
  namespace?: string;
  /** `--set` values: passed to `helm install --set`; for Compose, variables `NAME=value` given to `docker compose`. */
  set: string[];
  /** Helm values files (`-f`), passed through. */
  values: string[];
  /** Compose env file (CLI `--compose-env-file`), passed to `docker compose --env-file`. */
  envFile?: string;
}

/** One command to run: program, arguments, and variables added to its environment (names and values). */
export interface NativeCommand {
  program: string;
  args: string[];
  env: Record<string, string>;
}

/** Delivery types `appshelf install` hands to a native tool. */
export const INSTALLABLE: readonly DeliveryType[] = ["helm", "compose"];

const RELEASE_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const VARIABLE = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * The native command that installs a verified artifact (the file at `file`, already checked
 * against the shard's sha256 and size). Pure.
 * - helm: `helm install <release> <file> [--namespace <ns>] [--set <v>]... [-f <values>]...`
 *   (Helm's own reading of the chart and values wins; release names follow Helm's rule:
 *   lowercase DNS-1123 label, at most 53 characters).
 * - compose: `docker compose [--env-file <f>] -f <file> up -d`, with `--set NAME=value`
 *   and `variables` (asked for on a terminal) added to its environment.
 *
 * @throws ClientError `usage` (exit 2) for a delivery type with no native installer, an
 *   option that does not apply to the delivery type, a bad release name or `--set` value.
 */
export function planInstall(
  appId: string,
  delivery: DeliveryType,
  file: string,
  options: InstallOptions,
  variables: Record<string, string> = {},
): NativeCommand {
  if (delivery === "helm") {
    if (options.envFile !== undefined)
      throw usage("--compose-env-file applies to Compose apps; for a Helm chart use --set or -f <values.yaml>");
    const release = options.release ?? appId;
    if (release.length > 53 || !RELEASE_NAME.test(release))
      throw usage(
        `'${release}' is not a Helm release name (lowercase letters, digits and -, starting and ending with a letter or digit, at most 53 characters)`,
      );
    for (const value of options.set) if (!value.includes("=")) throw usage(`--set ${value}: expected name=value`);
    return {
      program: "helm",
      args: [
        "install",
        release,
        file,
        ...(options.namespace !== undefined ? ["--namespace", options.namespace] : []),
        ...options.set.flatMap((s) => ["--set", s]),
        ...options.values.flatMap((f) => ["-f", f]),
      ],
      env: {},
    };
  }
  if (delivery === "compose") {
    if (options.values.length > 0)
      throw usage(
        "-f/--values applies to Helm charts; for a Compose app set variables with --set NAME=value or --compose-env-file",
      );
    if (options.namespace !== undefined) throw usage("--namespace applies to Helm charts");
    if (options.release !== undefined)
      throw usage("--release applies to Helm charts (a Compose project is named by its file's name: field)");
    return {
      program: "docker",
      args: [
        "compose",
        ...(options.envFile !== undefined ? ["--env-file", options.envFile] : []),
        "-f",
        file,
        "up",
        "-d",
      ],
      env: { ...parseSetVariables(options.set), ...variables },
    };
  }
  throw usage(
    `appshelf install hands ${INSTALLABLE.join(" and ")} artifacts to their tools; ${delivery} is not one of them. Use 'appshelf pull' and follow the app page's ${delivery} steps`,
  );
}

/**
 * `--set NAME=value` for Compose: variable names as Compose reads them. Pure.
 *
 * @throws ClientError `usage` naming a value that is not NAME=value with a valid name.
 */
export function parseSetVariables(values: readonly string[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const value of values) {
    const eq = value.indexOf("=");
    const name = eq < 0 ? value : value.slice(0, eq);
    if (eq < 0 || !VARIABLE.test(name))
      throw usage(`--set ${value}: expected NAME=value with NAME a variable name (letters, digits and _)`);
    env[name] = value.slice(eq + 1);
  }
  return env;
}

function usage(message: string): ClientError {
  return new ClientError("usage", message);
}
