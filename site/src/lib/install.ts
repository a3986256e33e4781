import { fileNameOf, shellQuote } from "./format.ts";
import type { UiKey } from "./i18n.ts";
import type { AppVersion } from "./types.ts";

/** One block of copy-paste commands with the UI string that introduces it. */
export interface InstallStep {
  intro: UiKey;
  commands: string[];
}

/** Commands that download an artifact and check it against its published SHA-256. */
function downloadAndVerify(url: string, sha256: string): string[] {
  const file = fileNameOf(url);
  return [`curl -fLO ${shellQuote(url)}`, `echo ${shellQuote(`${sha256}  ${file}`)} | sha256sum -c -`];
}

/**
 * Install instructions for one version, `url` being the artifact's absolute URL.
 * `appshelf pull` is deliberately not offered yet.
 */
export function installSteps(appId: string, version: AppVersion, url: string): InstallStep[] {
  const sha = version.artifact.sha256;
  const file = shellQuote(fileNameOf(url));
  const release = shellQuote(appId);
  switch (version.delivery) {
    case "helm":
      return [
        { intro: "install.helm.intro", commands: [`helm install ${release} ${shellQuote(url)}`] },
        { intro: "install.helm.verify", commands: [...downloadAndVerify(url, sha), `helm install ${release} ./${file}`] },
      ];
    case "compose":
      return [{ intro: "install.compose.intro", commands: [...downloadAndVerify(url, sha), `docker compose -f ${file} up -d`] }];
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
      ];
    case "vm":
      return [{ intro: "install.vm.intro", commands: downloadAndVerify(url, sha) }];
  }
}
