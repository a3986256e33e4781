/**
 * Builds the catalog the way `npm run build` does, into a temp folder, from a copy of the
 * real registry (apps/ and schema/) plus two apps made from Gitea's real manifests:
 * `gitea-mirror`, suspended, and `markup-probe`, whose description carries <script>,
 * javascript: links and an SVG with a script. The engine builds the index (artifacts from
 * ../shared/corpus, no network), a stats file with counts for the two GitHub Releases
 * artifacts is put beside index.json, then Astro and Pagefind build the site.
 */
import { createHash } from "node:crypto";
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = resolve(fileURLToPath(new URL(".", import.meta.url)), "../..");
const CORPUS = resolve(REPO_ROOT, "../shared/corpus");

/** The suspended copy of Gitea. */
export const SUSPENDED_ID = "gitea-mirror";
/** The app whose description tries to run scripts. */
export const PROBE_ID = "markup-probe";
/** Every request path the probe's payloads would make starts with this. */
export const PWNED_PATH = "/pwned";

export const PROBE_DESCRIPTION = [
  `Markup probe <script>window.__pwned = 1; fetch("${PWNED_PATH}-script")</script> end of probe.`,
  "",
  `A [markdown link](javascript:fetch('${PWNED_PATH}-md')) and <a href="javascript:fetch('${PWNED_PATH}-a')">a raw link</a>.`,
  "",
  `<svg xmlns="http://www.w3.org/2000/svg" onload="fetch('${PWNED_PATH}-svg')"><script>fetch('${PWNED_PATH}-svg-script')</script></svg>`,
  "",
  `<img src="x" onerror="fetch('${PWNED_PATH}-img')"> ![probe image](javascript:fetch('${PWNED_PATH}-image'))`,
  "",
].join("\n");

/** Download counts the test stats file gives the two GitHub Releases artifacts of the sample apps. */
export const STATS_DOWNLOADS: Record<string, number> = {
  "https://github.com/nextcloud-releases/notes/releases/download/v6.0.2/notes-v6.0.2.tar.gz": 1234,
  "https://github.com/nextcloud/tasks/releases/download/v0.18.1/tasks.tar.gz": 1,
};

/** Harbor's chart is published from the verification ledger, its upstream gone since this date. */
export const UNAVAILABLE_SINCE = "2026-11-30";
const HARBOR_SHA256 = "593f47e1ff6cdb58bd571708535ccef436f44ccf842c5f7925cd7b03e827edc1";

export interface BuiltSite {
  tmp: string;
  /** The registry copy the index was built from. */
  registry: string;
  /** The engine's output (index.json, shards, ...). */
  indexDir: string;
  /** The built site. */
  siteDir: string;
  cleanup(): void;
}

function copyApp(registry: string, from: string, to: string, edit: (yaml: string) => string): void {
  cpSync(join(registry, "apps", from), join(registry, "apps", to), { recursive: true });
  renameComposeProject(join(registry, "apps", to), from, to);
  const file = join(registry, "apps", to, "app.yaml");
  const before = readFileSync(file, "utf8");
  const after = edit(before.replace(/^id: .*$/m, `id: ${to}`));
  if (after === before) throw new Error(`editing ${file} changed nothing`);
  writeFileSync(file, after);
}

/** A copied app's Compose file names its own project (a Compose project name belongs to one app), with the version's digest and size updated. */
function renameComposeProject(dir: string, from: string, to: string): void {
  const compose = join(dir, "compose.yaml");
  if (!existsSync(compose)) return;
  const before = readFileSync(compose);
  const after = Buffer.from(before.toString("utf8").replace(new RegExp(`^name: ${from}$`, "m"), `name: ${to}`));
  writeFileSync(compose, after);
  for (const name of readdirSync(join(dir, "versions", "compose"))) {
    const version = join(dir, "versions", "compose", name);
    const digest = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");
    writeFileSync(version, readFileSync(version, "utf8").replace(digest(before), digest(after)).replace(`size: ${before.length}`, `size: ${after.length}`));
  }
}

const indent = (text: string, spaces: number): string =>
  text
    .split("\n")
    .map((line) => (line ? " ".repeat(spaces) + line : line))
    .join("\n");

/** Builds index and site into a new temp folder (removed by `cleanup`). */
export function buildSite(): BuiltSite {
  const tmp = mkdtempSync(join(tmpdir(), "appshelf-site-test-"));
  const registry = join(tmp, "registry");
  const indexDir = join(tmp, "index");
  const siteDir = join(tmp, "site");
  cpSync(join(REPO_ROOT, "apps"), join(registry, "apps"), { recursive: true });
  cpSync(join(REPO_ROOT, "schema"), join(registry, "schema"), { recursive: true });
  cpSync(join(REPO_ROOT, ".github/appshelf/publishers"), join(registry, ".github/appshelf/publishers"), { recursive: true });
  writeFileSync(join(registry, ".github/appshelf/publishers/probe-labs.yaml"), "id: probe-labs\nname: Probe Labs\nurl: https://probe.example.org\ngithub:\n  logins: [go-gitea]\nverification:\n  state: unverified\n");
  copyApp(registry, "gitea", SUSPENDED_ID, (yaml) =>
    yaml.replace(/^ {2}en: Gitea$/m, "  en: Gitea Mirror").replace(/^ {2}zh-CN: Gitea 代码托管$/m, "  zh-CN: Gitea 镜像").replace(/^status: active$/m, 'status: suspended\nsuspension:\n  reason: "mirror of an unlicensed build <b>"\n  date: "2026-05-04"\n  pullRequest: 12'),
  );
  copyApp(registry, "gitea", PROBE_ID, (yaml) =>
    yaml
      .replace(/^name:\n(?: {2}.*\n)+/m, "name:\n  en: Markup Probe\n")
      .replace(/^summary:\n(?: {2}.*\n)+/m, "summary:\n  en: An app whose description tries to run scripts in the catalog\n")
      .replace(/^description:\n(?: {2}.*\n| *\n)+/m, `description:\n  en: |\n${indent(PROBE_DESCRIPTION, 4)}\n`)
      .replace(/^publisher: gitea$/m, "publisher: probe-labs")
      .replace(/^categories: .*$/m, "categories: [security]"),
  );
  const node = process.execPath;
  const appshelf = (...args: string[]) => execFileSync(node, [join(REPO_ROOT, "bin/appshelf.js"), "build", "--root", registry, "--mirror", CORPUS, "--out", indexDir, ...args], { cwd: REPO_ROOT, stdio: "pipe" });
  appshelf("--ledger");
  // A second publish from the first one's verification ledger, in which Harbor's upstream
  // has been gone since UNAVAILABLE_SINCE: offline, so the ledger's mark is kept as it is.
  const ledger = JSON.parse(readFileSync(join(indexDir, "ledger.json"), "utf8")) as { entries: Record<string, { unavailableSince?: string }> };
  const harbor = ledger.entries[HARBOR_SHA256];
  if (!harbor) throw new Error("the ledger of the first build has no entry for Harbor's chart");
  harbor.unavailableSince = UNAVAILABLE_SINCE;
  writeFileSync(join(tmp, "ledger.json"), JSON.stringify(ledger));
  appshelf("--offline", "--ledger-from", join(tmp, "ledger.json"));
  const stats = { formatVersion: 1, generated: "2026-11-21T06:00:00Z", downloads: STATS_DOWNLOADS };
  writeFileSync(join(indexDir, "stats.json"), `${JSON.stringify(stats, null, 2)}\n`);
  // cwd is site/: with an outDir outside cwd, Astro stages its server build in <cwd>/.astro/ (gitignored there).
  execFileSync(node, [join(REPO_ROOT, "node_modules/astro/bin/astro.mjs"), "build", "--root", "."], {
    cwd: join(REPO_ROOT, "site"),
    stdio: "pipe",
    env: { ...process.env, APPSHELF_INDEX_DIR: indexDir, APPSHELF_SITE_OUT: siteDir, ASTRO_TELEMETRY_DISABLED: "1" },
  });
  return { tmp, registry, indexDir, siteDir, cleanup: () => rmSync(tmp, { recursive: true, force: true }) };
}
