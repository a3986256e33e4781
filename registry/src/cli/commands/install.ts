import { Command } from "commander";
import { INSTALLABLE, installApp } from "../../client/client.ts";
import { withClientOptions } from "../client-options.ts";
import { formatPull } from "../client-output.ts";
import { collect, openForPull, withPullOptions, type PullCliOptions } from "../pull-options.ts";
import { runClient } from "../run-client.ts";
import { terminalIo } from "../terminal-io.ts";

interface InstallCliOptions extends PullCliOptions {
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
    withPullOptions(
      new Command("install")
        .description(
          `pull an app's artifact, verified end to end like 'pull', and install it with its native tool (${INSTALLABLE.join(", ")}): 'helm install <release> <verified chart>' or 'docker compose -f <verified file> up -d'; prints the command and asks before running it unless --yes`,
        )
        .argument("<app>", "app id, optionally @version or @range (node-semver), e.g. wordpress@^6"),
      {
        verb: "install",
        deliveries: INSTALLABLE.join(" or "),
        out: "folder the verified artifact is written to (and kept in; never a symbolic link)",
        platformExample: "kubernetes=1.29",
      },
    )
      .option("--release <name>", "Helm release name (default: the app id)")
      .option("--namespace <namespace>", "Helm: namespace to install into (passed to helm install)")
      .option(
        "--set <name=value>",
        "Helm: a value passed to helm install --set; Compose: a variable NAME=value (repeatable)",
        collect,
        [],
      )
      .option("-f, --values <file>", "Helm: a values file passed to helm install -f (repeatable)", collect, [])
      // Not --env-file: Node itself takes any --env-file argument, wherever it stands in argv.
      .option(
        "--compose-env-file <file>",
        "Compose: a file of NAME=value variables, passed to docker compose --env-file",
      )
      .option("-y, --yes", "run the command without asking", false),
  ).action((app: string, options: InstallCliOptions) =>
    runClient(async () => {
      const { registry, request } = await openForPull(app, options);
      const report = await installApp(
        registry,
        {
          ...request,
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
        process.stdout.write(
          `${JSON.stringify({ ok: report.exitCode === undefined || report.exitCode === 0, id: report.pull.id, version: report.pull.version.version, delivery: report.pull.version.delivery, file: report.pull.artifact.file, sha256: report.pull.artifact.sha256, command: [report.command.program, ...report.command.args], variables: Object.keys(report.command.env), ran: report.ran, exitCode: report.exitCode ?? null }, null, 2)}\n`,
        );
      }
      if (report.exitCode !== undefined && report.exitCode !== 0) process.exitCode = report.exitCode;
    }),
  );
}
