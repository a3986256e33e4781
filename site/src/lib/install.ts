import { fileNameOf, shellQuote } from "./format.ts";
import type { UiKey } from "./i18n.ts";
import type { AppVersion } from "./types.ts";

/** One block of copy-paste commands with the UI string that introduces it. */
export interface InstallStep {
  intro: UiKey;
  commands: string[];
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

/** Commands that download an artifact and check it against its published SHA-256. */
function downloadAndVerify(url: string, sha256: string): string[] {
  const file = fileNameOf(url);
  return [`curl -fLO ${shellQuote(url)}`, `echo ${shellQuote(`${sha256}  ${file}`)} | sha256sum -c -`];
}

/** `appshelf pull`, the store's own client, for any delivery type. */
function appshelfPull(appId: string, version: AppVersion, site: string): InstallStep {
  return {
    intro: "install.appshelf",
    commands: [`npx appshelf pull ${shellQuote(`${appId}@${version.version}`)} --delivery ${version.delivery} --registry ${shellQuote(site)}`],
  };
}

/** Install instructions for one released version of a listed app. */
export function installSteps(appId: string, version: AppVersion, context: InstallContext): InstallStep[] {
  const { url, site } = context;
  const sha = version.artifact.sha256;
  const file = shellQuote(fileNameOf(url));
  const release = shellQuote(appId);
  const helmRepo = `${site.replace(/\/+$/, "")}/helm`;
  switch (version.delivery) {
    case "helm":
      return [
        {
          intro: "install.helm.repo",
          commands: [
            `helm repo add appshelf ${shellQuote(helmRepo)}`,
            `helm install ${release} ${shellQuote(`appshelf/${context.chart ?? appId}`)} --version ${shellQuote(version.version)}`,
          ],
        },
        { intro: "install.helm.verify", commands: [...downloadAndVerify(url, sha), `helm install ${release} ./${file}`] },
        appshelfPull(appId, version, site),
      ];
    case "compose":
      return [
        { intro: "install.compose.intro", commands: [...downloadAndVerify(url, sha), `docker compose -f ${file} up -d`] },
        appshelfPull(appId, version, site),
      ];
    case "nextcloud":
      return [
        { intro: "install.nextcloud.intro", commands: [`sudo -u www-data php occ app:install ${release}`] },
        {
          intro: "install.nextcloud.manual",
          commands: [
            ...downloadAndVerify(url, sha),
            `tar -xzf ${file} -C /var/www/nextcloud/apps`,
            `sudo -u www-data php occ app:enable ${release}`,
          ],
        },
        appshelfPull(appId, version, site),
      ];
    case "vm":
      return [{ intro: "install.vm.intro", commands: downloadAndVerify(url, sha) }, appshelfPull(appId, version, site)];
  }
}
