/**
 * Times the catalog build at scale: copies the real sample apps (those without Nextcloud
 * archives, whose folder must match the app id) into a temp registry until it
 * holds N apps (default 1,000; ids `<sample>-<n>`), builds the index with the engine
 * (artifacts from ../shared/corpus), then builds the site (Astro, both languages) and its
 * Pagefind index, and prints the times. Not a test; run from the repo root:
 *
 *   node site/scripts/bench-site.ts [--apps 1000] [--keep]
 */
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: { apps: { type: "string", default: "1000" }, keep: { type: "boolean", default: false } },
});
const count = Number(values.apps);
if (!Number.isSafeInteger(count) || count < 1)
  throw new Error(`--apps must be a positive whole number, not "${values.apps}"`);

const repo = resolve(fileURLToPath(new URL(".", import.meta.url)), "../..");
const tmp = mkdtempSync(join(tmpdir(), "appshelf-bench-site-"));
const registry = join(tmp, "registry");
// Nextcloud app archives must hold a folder named after the app id, so their copies would not validate.
const samples = readdirSync(join(repo, "apps"), { withFileTypes: true })
  .filter((e) => e.isDirectory() && !existsSync(join(repo, "apps", e.name, "versions", "nextcloud")))
  .map((e) => e.name)
  .sort();

cpSync(join(repo, "schema"), join(registry, "schema"), { recursive: true });
for (let i = 0; i < count; i += 1) {
  const sample = samples[i % samples.length] ?? "";
  const id = `${sample}-${Math.floor(i / samples.length) + 1}`;
  cpSync(join(repo, "apps", sample), join(registry, "apps", id), { recursive: true });
  const file = join(registry, "apps", id, "app.yaml");
  writeFileSync(file, readFileSync(file, "utf8").replace(/^id: .*$/m, `id: ${id}`));
  // A copied chart keeps its own name: say so, as a manifest does when chart name and app id differ.
  const helm = join(registry, "apps", id, "versions", "helm");
  for (const version of existsSync(helm) ? readdirSync(helm) : []) {
    const path = join(helm, version);
    writeFileSync(path, readFileSync(path, "utf8").replace(/^delivery: helm$/m, `delivery: helm\nchart: ${sample}`));
  }
}

/** Runs a command and returns its wall time in seconds and what it printed. */
function timed(args: string[], env: NodeJS.ProcessEnv = process.env, cwd = repo): { seconds: number; output: string } {
  const start = process.hrtime.bigint();
  const output = execFileSync(process.execPath, args, {
    cwd,
    env,
    stdio: ["ignore", "pipe", "inherit"],
    encoding: "utf8",
    maxBuffer: 256 * 2 ** 20,
  });
  return { seconds: Number(process.hrtime.bigint() - start) / 1e9, output };
}

const indexDir = join(tmp, "index");
const siteDir = join(tmp, "site");
const engine = timed([
  join(repo, "bin/appshelf.js"),
  "build",
  "--root",
  registry,
  "--mirror",
  resolve(repo, "../shared/corpus"),
  "--out",
  indexDir,
]);
const site = timed(
  [join(repo, "node_modules/astro/bin/astro.mjs"), "build", "--root", "."],
  {
    ...process.env,
    APPSHELF_INDEX_DIR: indexDir,
    APPSHELF_SITE_OUT: siteDir,
    ASTRO_TELEMETRY_DISABLED: "1",
  },
  join(repo, "site"),
);
const pagefind = /into pagefind\/ in ([\d.]+) s/.exec(site.output)?.[1] ?? "?";
const pages = readdirSync(siteDir, { recursive: true }).filter((f) => String(f).endsWith(".html")).length;
const searchPages = Object.values(
  (
    JSON.parse(readFileSync(join(siteDir, "pagefind/pagefind-entry.json"), "utf8")) as {
      languages: Record<string, { page_count: number }>;
    }
  ).languages,
).reduce((n, l) => n + l.page_count, 0);

console.log(
  `Machine: ${cpus().length} cores (${cpus()[0]?.model ?? "unknown"}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
);
console.log(`| step | apps | seconds |`);
console.log(`| --- | ---: | ---: |`);
console.log(`| index (appshelf build) | ${count} | ${engine.seconds.toFixed(1)} |`);
console.log(
  `| site: astro build, both languages (${pages} HTML pages), Pagefind included | ${count} | ${site.seconds.toFixed(1)} |`,
);
console.log(`| of which Pagefind (${searchPages} pages indexed) | ${count} | ${pagefind} |`);
if (values.keep) console.log(`Kept ${tmp}`);
else rmSync(tmp, { recursive: true, force: true });
