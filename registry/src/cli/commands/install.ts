import { Command } from "commander";
import { installApp } from "../../client/install/install-app.ts";
import { INSTALLABLE } from "../../client/install/plan-install.ts";
import { openRegistry } from "../../client/open-registry.ts";
import { parseAppSpec, parsePlatforms } from "../../client/parse-spec.ts";
import { toOpenOptions, withClientOptions, type ClientCliOptions } from "../client-options.ts";
import { formatPull } from "../client-output.ts";
import { printWarnings, runClient } from "../run-client.ts";
import { terminalIo } from "../terminal-io.ts";
import { deliveryOption } from "./search.ts";

interface InstallCliOptions extends ClientCliOptions {
  delivery?: string;
  out: string;
  force: boolean;
  platform: string[];
  allowSuspended: boolean;
  release?: string;
  namespace?: string;
  set: string[];
  values: string[];
  composeEnvFile?: string;
  yes: boolean;
}

/**
 * `appshelf install <app>[@range] [--delivery <type>]`: pulls and verifies like `pull`,
 * then hands the verified file to the native tool (`helm install`, `docker compose up -d`),
 * printing the exact command and asking first unless --yes. Exits with the tool's exit code.
 */
export function installCommand(): Command {
  return withClientOptions(
    new Command("install")
      .description(`pull an app's artifact, verified end to end like 'pull', and install it with its native tool (${INSTALLABLE.join(", ")}): 'helm install <release> <verified chart>' or 'docker compose -f <verified file> up -d'; prints the command and asks before running it unless --yes`)
      .argument("<app>", "app id, optionally @version or @range (node-semver), e.g. wordpress@^6")
      .option("--delivery <type>", `delivery type (${INSTALLABLE.join(" or ")}); default: the app's only one`)
      .option("--out <dir>", "folder the verified artifact is written to (and kept in; never a symbolic link)", ".")
      .option("--force", "replace an existing file of the artifact's name in --out", false)
      .option("--platform <name=version>", "platform to be compatible with, e.g. kubernetes=1.29 (repeatable)", collect, [])
      .option("--allow-suspended", "install a version (or app) the registry suspended", false)
      .option("--release <name>", "Helm release name (default: the app id)")
      .option("--namespace <namespace>", "Helm: namespace to install into (passed to helm install)")
      .option("--set <name=value>", "Helm: a value passed to helm install --set; Compose: a variable NAME=value (repeatable)", collect, [])
      .option("-f, --values <file>", "Helm: a values file passed to helm install -f (repeatable)", collect, [])
      // Not --env-file: Node itself takes any --env-file argument, wherever it stands in argv.
      .option("--compose-env-file <file>", "Compose: a file of NAME=value variables, passed to docker compose --env-file")
      .option("-y, --yes", "run the command without asking", false),
  ).action((app: string, options: InstallCliOptions) =>
    runClient(async () => {
      const spec = parseAppSpec(app);
      const delivery = deliveryOption(options.delivery);
      const platform = parsePlatforms(options.platform);
      const { open, urlMap } = await toOpenOptions(options);
      const registry = await openRegistry(open);
      printWarnings(registry.warnings);
      const report = await installApp(
        registry,
        {
          id: spec.id,
          ...(spec.range ? { range: spec.range } : {}),
          ...(delivery ? { delivery } : {}),
          platform,
          allowSuspended: options.allowSuspended,
          outDir: options.out,
          force: options.force,
          urlMap,
          yes: options.yes,
          options: {
            ...(options.release !== undefined ? { release: options.release } : {}),
            ...(options.namespace !== undefined ? { namespace: options.namespace } : {}),
            ...(options.composeEnvFile !== undefined ? { envFile: options.composeEnvFile } : {}),
            set: options.set,
            values: options.values,
          },
        },
        {
          ...terminalIo(),
          print: (line) => (options.format === "json" ? process.stderr : process.stdout).write(`${line}\n`),
          onPull: (pull) => {
            if (options.format === "text") process.stdout.write(formatPull(registry, pull));
          },
        },
      );
      if (options.format === "json") {
        process.stdout.write(`${JSON.stringify({ ok: report.exitCode === undefined || report.exitCode === 0, id: report.pull.id, version: report.pull.version.version, delivery: report.pull.version.delivery, file: report.pull.artifact.file, sha256: report.pull.artifact.sha256, command: [report.command.program, ...report.command.args], variables: Object.keys(report.command.env), ran: report.ran, exitCode: report.exitCode ?? null }, null, 2)}\n`);
      }
      if (report.exitCode !== undefined && report.exitCode !== 0) process.exitCode = report.exitCode;
    }),
  );
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
