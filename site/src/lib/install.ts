import { clientInstallCommand } from "./client-command.ts";
import { fileNameOf, shellQuote } from "./format.ts";
import type { UiKey } from "./i18n.ts";
import type { AppVersion } from "./types.ts";

/** One block of copy-paste commands with the UI string (and its parameters) that introduces it. */
export interface InstallStep {
  intro: UiKey;
  params?: Record<string, string>;
  commands: string[];
}

/** A variable the Compose file needs, for the table of what to put there. */
export type ComposeVariable = NonNullable<
  Extract<AppVersion["metadata"], { compose: unknown }>["compose"]["variables"]
>[number];

/** Install instructions of one version: the steps, and the Compose file's variables (empty for other types). */
export interface InstallPlan {
  steps: InstallStep[];
  variables: ComposeVariable[];
}

/** What the commands need beyond the version: where the store is served and what the artifact is called. */
export interface InstallContext {
  /** The artifact's absolute URL. */
  url: string;
  /** The site's base URL (its Helm repository is at <site>/helm). */
  site: string;
  /** Helm chart name (Chart.yaml `name`), for `helm install appshelf/<chart>`. */
  chart?: string;
}

/** Where the Nextcloud steps assume the server is installed (said in the step's text). */
export const NEXTCLOUD_DIR = "/var/www/nextcloud";

/** A variable whose value is a secret: the steps generate a random one rather than ask. */
export function isSecretName(name: string): boolean {
  return /PASS(WORD)?|SECRET|TOKEN|(^|_)KEY($|_)/i.test(name);
}

/** Commands that download an artifact and check it against its published SHA-256 (sha256sum exits non-zero on a mismatch). */
function downloadAndVerify(url: string, sha256: string): string[] {
  const file = fileNameOf(url);
  return [`curl -fLO ${shellQuote(url)}`, `echo ${shellQuote(`${sha256}  ${file}`)} | sha256sum -c -`];
}

/** The client's steps, when the client has a published package (see clientInstallCommand). */
function clientSteps(appId: string, version: AppVersion, site: string): InstallStep[] {
  const install = clientInstallCommand(site);
  if (install === undefined) return [];
  return [
    {
      intro: "install.appshelf",
      commands: [
        install,
        `appshelf pull ${shellQuote(`${appId}@${version.version}`)} --delivery ${version.delivery} --registry ${shellQuote(site)}`,
      ],
    },
  ];
}

/**
 * The `.env` lines for the required variables of a Compose file: secrets get a random
 * value (`openssl rand -hex 24`), others are asked for on the terminal. Variables with a
 * default are left to it.
 */
function envCommands(variables: readonly ComposeVariable[]): string[] {
  return variables
    .filter((v) => v.required)
    .map((v) =>
      isSecretName(v.name)
        ? `printf '%s=%s\\n' ${v.name} "$(openssl rand -hex 24)" >> .env`
        : `read -r -p ${shellQuote(`${v.name}: `)} value && printf '%s=%s\\n' ${v.name} "$value" >> .env`,
    );
}

/**
 * Install instructions for one released version of a listed app, each step runnable as
 * written: Helm adds this store's repository first; Compose downloads, verifies, writes the
 * required variables to `.env`, then starts; Nextcloud installs from this registry
 * (download, verify, unpack into `apps/`, `occ app:enable`), not from apps.nextcloud.com;
 * VM packages are downloaded and verified for upload to OpenPitrix.
 */
export function installPlan(appId: string, version: AppVersion, context: InstallContext): InstallPlan {
  const { url, site } = context;
  const sha = version.artifact.sha256;
  const file = shellQuote(fileNameOf(url));
  const release = shellQuote(appId);
  const helmRepo = `${site.replace(/\/+$/, "")}/helm`;
  const client = clientSteps(appId, version, site);
  switch (version.delivery) {
    case "helm":
      return {
        variables: [],
        steps: [
          {
            intro: "install.helm.repo",
            commands: [
              `helm repo add appshelf ${shellQuote(helmRepo)}`,
              "helm repo update appshelf",
              `helm install ${release} ${shellQuote(`appshelf/${context.chart ?? appId}`)} --version ${shellQuote(version.version)}`,
            ],
          },
          {
            intro: "install.helm.verify",
            commands: [...downloadAndVerify(url, sha), `helm install ${release} ./${file}`],
          },
          ...client,
        ],
      };
    case "compose": {
      const meta = version.metadata && "compose" in version.metadata ? version.metadata.compose : undefined;
      const variables = meta?.variables ?? [];
      const env = envCommands(variables);
      return {
        variables,
        steps: [
          { intro: "install.compose.download", commands: downloadAndVerify(url, sha) },
          ...(env.length > 0 ? [{ intro: "install.compose.env" as const, commands: env }] : []),
          { intro: "install.compose.up", commands: [`docker compose -f ${file} up -d`] },
          ...client,
        ],
      };
    }
    case "nextcloud": {
      const id = version.metadata && "nextcloud" in version.metadata ? version.metadata.nextcloud.id : appId;
      return {
        variables: [],
        steps: [
          {
            intro: "install.nextcloud.registry",
            params: { dir: NEXTCLOUD_DIR },
            commands: [
              ...downloadAndVerify(url, sha),
              `sudo tar -xzf ${file} -C ${NEXTCLOUD_DIR}/apps`,
              `sudo chown -R www-data:www-data ${NEXTCLOUD_DIR}/apps/${shellQuote(id)}`,
              `sudo -u www-data php ${NEXTCLOUD_DIR}/occ app:enable ${shellQuote(id)}`,
            ],
          },
          ...client,
        ],
      };
    }
    case "vm":
      return {
        variables: [],
        steps: [
          { intro: "install.vm.download", commands: downloadAndVerify(url, sha) },
          { intro: "install.vm.upload", params: { file: fileNameOf(url) }, commands: [] },
          ...client,
        ],
      };
  }
}

/** The steps alone (see {@link installPlan}). */
export function installSteps(appId: string, version: AppVersion, context: InstallContext): InstallStep[] {
  return installPlan(appId, version, context).steps;
}
