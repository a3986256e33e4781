/**
 * Builds the catalog the way `npm run build` does, into a temp folder, from a copy of the
 * real registry (apps/ and schema/) plus two apps made from Gitea's real manifests:
 * `gitea-mirror`, suspended, and `markup-probe`, whose description carries <script>,
 * javascript: links and an SVG with a script. The engine builds the index (artifacts from
 * ../shared/corpus, no network), a stats file with counts for the two GitHub Releases
 * artifacts is put beside index.json, then Astro and Pagefind build the site.
 *
 * For the trust panel and the review history: a VM app (`kafka-vm`, the OpenPitrix spec's
 * example package, kept in the registry), the review ledger taken from the shard that
 * `npm run demo:lifecycle` builds (its WordPress review records; every other version is in
 * no ledger and says so), an index signed with a key made here (trusted through
 * APPSHELF_TRUSTED_KEYS) and a recorded queue.json (test/fixtures/queue.json) for /queue/.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { packTarGz } from "../../registry/test/inspect/helm-fixtures.ts";
import { specExampleFiles } from "../../registry/test/inspect/vm-spec-example-package.ts";
import type { AppShard } from "../../registry/src/index/index-types.ts";
import { reviewKey, type ReviewLedger } from "../../registry/src/review/version-review.ts";

export const REPO_ROOT = resolve(fileURLToPath(new URL(".", import.meta.url)), "../..");
const CORPUS = resolve(REPO_ROOT, "../shared/corpus");

/** The suspended copy of Gitea. */
export const SUSPENDED_ID = "gitea-mirror";
/** The app whose description tries to run scripts. */
export const PROBE_ID = "markup-probe";
/** The VM app made from the OpenPitrix spec's example package. */
export const VM_ID = "kafka-vm";
/** The recorded review queue the site's /queue/ page is built from. */
export const QUEUE_FILE = resolve(REPO_ROOT, "site/test/fixtures/queue.json");
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

/** The GitHub Discussion the test stats file records for Harbor (ratings and comments); no other app has one. */
export const STATS_DISCUSSIONS = {
  harbor: {
    number: 4,
    url: "https://github.com/appshelf/registry/discussions/4",
    upvotes: 1234,
    downvotes: 7,
    comments: 1,
  },
};

/**
 * Download counts the test stats file gives the hosted copies of the two Nextcloud sample
 * apps (keyed by the download URL the shard lists: the registry's own copy, as counted when
 * hosted copies are GitHub Release assets).
 */
export const STATS_DOWNLOADS: Record<string, number> = {
  "artifacts/notes/nextcloud/6.0.2/notes-v6.0.2.tar.gz": 1234,
  "artifacts/tasks/nextcloud/0.18.1/tasks.tar.gz": 1,
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
  /** The index `npm run demo:lifecycle` built (its shards hold the review records the site shows). */
  demoIndexDir: string;
  /** Id of the key that signed the index. */
  keyId: string;
  /** The trusted keys file holding that key (what the build was given as APPSHELF_TRUSTED_KEYS). */
  trustedKeys: string;
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
    writeFileSync(
      version,
      readFileSync(version, "utf8")
        .replace(digest(before), digest(after))
        .replace(`size: ${before.length}`, `size: ${after.length}`),
    );
  }
}

const indent = (text: string, spaces: number): string =>
  text
    .split("\n")
    .map((line) => (line ? " ".repeat(spaces) + line : line))
    .join("\n");

/** Adds `kafka-vm`: Gitea's manifest renamed, with one VM version whose package (the spec's example) is kept in the registry. */
function addVmApp(registry: string): void {
  copyApp(registry, "gitea", VM_ID, (yaml) =>
    yaml
      .replace(/^name:\n(?: {2}.*\n)+/m, "name:\n  en: Kafka (VM)\n  zh-CN: Kafka 虚拟机版\n")
      .replace(/^summary:\n(?: {2}.*\n)+/m, "summary:\n  en: Apache Kafka cluster as an OpenPitrix VM package\n")
      .replace(/^ {2}name: The Gitea project$/m, "  name: Kafka VM packagers")
      .replace(/^categories: .*$/m, "categories: [iot]"),
  );
  const dir = join(registry, "apps", VM_ID);
  rmSync(join(dir, "versions"), { recursive: true });
  rmSync(join(dir, "compose.yaml"));
  const bytes = packTarGz(specExampleFiles());
  writeFileSync(join(dir, "kafka-0.2.7.tar.gz"), bytes);
  mkdirSync(join(dir, "versions", "vm"), { recursive: true });
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  writeFileSync(
    join(dir, "versions", "vm", "0.2.7.yaml"),
    `version: "0.2.7"\ndelivery: vm\nartifact:\n  path: kafka-0.2.7.tar.gz\n  sha256: ${sha256}\n  size: ${bytes.length}\nstatus: released\nreleased: "2026-11-20"\n`,
  );
}

/** The review ledger held by the demo's WordPress shard: each version's `review`, by ledger key. */
export function ledgerFromShard(shard: AppShard): ReviewLedger {
  const versions: ReviewLedger["versions"] = {};
  for (const v of shard.versions) if (v.review) versions[reviewKey(shard.id, v.delivery, v.version)] = v.review;
  return { formatVersion: 1, versions };
}

/** Builds index and site into a new temp folder (removed by `cleanup`). */
export function buildSite(): BuiltSite {
  const tmp = mkdtempSync(join(tmpdir(), "appshelf-site-test-"));
  const registry = join(tmp, "registry");
  const indexDir = join(tmp, "index");
  const siteDir = join(tmp, "site");
  cpSync(join(REPO_ROOT, "apps"), join(registry, "apps"), { recursive: true });
  cpSync(join(REPO_ROOT, "schema"), join(registry, "schema"), { recursive: true });
  cpSync(join(REPO_ROOT, ".github/appshelf/publishers"), join(registry, ".github/appshelf/publishers"), {
    recursive: true,
  });
  writeFileSync(
    join(registry, ".github/appshelf/publishers/probe-labs.yaml"),
    "id: probe-labs\nname: Probe Labs\nurl: https://probe.example.org\ngithub:\n  logins: [go-gitea]\nverification:\n  state: unverified\n",
  );
  copyApp(registry, "gitea", SUSPENDED_ID, (yaml) =>
    yaml
      .replace(/^ {2}en: Gitea$/m, "  en: Gitea Mirror")
      .replace(/^ {2}zh-CN: Gitea 代码托管$/m, "  zh-CN: Gitea 镜像")
      .replace(
        /^status: active$/m,
        'status: suspended\nsuspension:\n  reason: "mirror of an unlicensed build <b>"\n  date: "2026-05-04"\n  pullRequest: 12',
      ),
  );
  copyApp(registry, "gitea", PROBE_ID, (yaml) =>
    yaml
      .replace(/^name:\n(?: {2}.*\n)+/m, "name:\n  en: Markup Probe\n")
      .replace(
        /^summary:\n(?: {2}.*\n)+/m,
        "summary:\n  en: An app whose description tries to run scripts in the catalog\n",
      )
      .replace(/^description:\n(?: {2}.*\n| *\n)+/m, `description:\n  en: |\n${indent(PROBE_DESCRIPTION, 4)}\n`)
      .replace(/^publisher: gitea$/m, "publisher: probe-labs")
      .replace(/^categories: .*$/m, "categories: [security]"),
  );
  addVmApp(registry);
  const node = process.execPath;
  const demoIndexDir = join(tmp, "demo-index");
  execFileSync(node, [join(REPO_ROOT, "scripts/demo-lifecycle.ts"), "--mirror", CORPUS, "--out", demoIndexDir], {
    cwd: REPO_ROOT,
    stdio: "pipe",
  });
  const demoShard = JSON.parse(readFileSync(join(demoIndexDir, "apps", "wordpress.json"), "utf8")) as AppShard;
  const reviews = join(tmp, "reviews.json");
  writeFileSync(reviews, JSON.stringify(ledgerFromShard(demoShard)));
  const key = join(tmp, "signing-key.pem");
  const trustedKeys = join(tmp, "trusted-keys.json");
  execFileSync(
    node,
    [join(REPO_ROOT, "bin/appshelf.js"), "keygen", "--out", key, "--add-to", trustedKeys, "--comment", "site test"],
    { cwd: REPO_ROOT, stdio: "pipe" },
  );
  const keyId = (JSON.parse(readFileSync(trustedKeys, "utf8")) as { keys: { keyId: string }[] }).keys[0]?.keyId ?? "";
  const appshelf = (...args: string[]) =>
    execFileSync(
      node,
      [join(REPO_ROOT, "bin/appshelf.js"), "build", "--root", registry, "--mirror", CORPUS, "--out", indexDir, ...args],
      { cwd: REPO_ROOT, stdio: "pipe" },
    );
  appshelf("--ledger");
  // A second publish from the first one's verification ledger, in which Harbor's upstream
  // has been gone since UNAVAILABLE_SINCE: offline, so the ledger's mark is kept as it is.
  const ledger = JSON.parse(readFileSync(join(indexDir, "ledger.json"), "utf8")) as {
    entries: Record<string, { unavailableSince?: string }>;
  };
  const harbor = ledger.entries[HARBOR_SHA256];
  if (!harbor) throw new Error("the ledger of the first build has no entry for Harbor's chart");
  harbor.unavailableSince = UNAVAILABLE_SINCE;
  writeFileSync(join(tmp, "ledger.json"), JSON.stringify(ledger));
  appshelf("--offline", "--ledger-from", join(tmp, "ledger.json"), "--reviews", reviews, "--key", key);
  const stats = {
    formatVersion: 1,
    generated: "2026-11-21T06:00:00Z",
    downloads: STATS_DOWNLOADS,
    discussions: STATS_DISCUSSIONS,
  };
  writeFileSync(join(indexDir, "stats.json"), `${JSON.stringify(stats, null, 2)}\n`);
  astroBuild(indexDir, siteDir, trustedKeys);
  return {
    tmp,
    registry,
    indexDir,
    siteDir,
    demoIndexDir,
    keyId,
    trustedKeys,
    cleanup: () => rmSync(tmp, { recursive: true, force: true }),
  };
}

/**
 * `astro build` of the catalog from `indexDir` into `siteDir`, as buildSite runs it; with
 * `previousDir`, unchanged pages are reused from that earlier build (APPSHELF_SITE_PREVIOUS).
 */
export function astroBuild(
  indexDir: string,
  siteDir: string,
  trustedKeys: string,
  previousDir?: string,
  env: NodeJS.ProcessEnv = {},
): void {
  // cwd is site/: with an outDir outside cwd, Astro stages its server build in <cwd>/.astro/ (gitignored there).
  execFileSync(process.execPath, [join(REPO_ROOT, "node_modules/astro/bin/astro.mjs"), "build", "--root", "."], {
    cwd: join(REPO_ROOT, "site"),
    stdio: "pipe",
    env: {
      ...process.env,
      APPSHELF_INDEX_DIR: indexDir,
      APPSHELF_SITE_OUT: siteDir,
      APPSHELF_QUEUE: QUEUE_FILE,
      APPSHELF_TRUSTED_KEYS: trustedKeys,
      APPSHELF_SITE_URL: "",
      APPSHELF_PUBLISH: "",
      APPSHELF_SITE_PREVIOUS: previousDir ?? "",
      ASTRO_TELEMETRY_DISABLED: "1",
      ...env,
    },
  });
}
