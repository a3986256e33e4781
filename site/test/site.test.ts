/**
 * Builds the catalog from a generated index and checks the static output.
 * Run from the repo root with Node 24: npx vitest run site/test
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import en from "../src/i18n/en.json";
import { sha256Hex } from "../../registry/src/artifact/digest.ts";
import { isRelativeUrl } from "../src/lib/load-index.ts";
import type { AppEntry, RegistryIndex, Shard } from "../src/lib/types.ts";

const repoRoot = resolve(fileURLToPath(new URL(".", import.meta.url)), "../..");
const engineBin = join(repoRoot, "bin/appshelf.js");
const astroBin = join(repoRoot, "node_modules/astro/bin/astro.mjs");

let tmp: string;
let indexDir: string;
let outDir: string;
let index: RegistryIndex;
let suspended: AppEntry;

const escapeHtml = (text: string): string =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");

const readShard = (app: AppEntry): Shard => JSON.parse(readFileSync(join(indexDir, app.shard.path), "utf8")) as Shard;
const page = (...parts: string[]): string => readFileSync(join(outDir, ...parts, "index.html"), "utf8");

function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith(".html"))
    .map((e) => join(e.parentPath, e.name));
}

/** Adds a suspended copy of the first app (shard + index entry, digest updated) to the index. */
function addSuspendedCopy(): AppEntry {
  const original = index.apps[0];
  if (!original) throw new Error("The generated index has no apps.");
  const id = `${original.id}-taken-down`.slice(0, 64);
  const shard: Shard = { ...readShard(original), id, status: "suspended", name: { en: `${original.name.en} (taken down)` } };
  const shardPath = `apps/${id}.json`;
  const bytes = Buffer.from(`${JSON.stringify(shard, null, 2)}\n`);
  writeFileSync(join(indexDir, shardPath), bytes);
  const entry: AppEntry = {
    ...original,
    id,
    name: shard.name,
    status: "suspended",
    shard: { ...original.shard, path: shardPath, sha256: sha256Hex(bytes), size: bytes.length },
  };
  index.apps = [...index.apps, entry].sort((a, b) => a.id.localeCompare(b.id));
  writeFileSync(join(indexDir, "index.json"), `${JSON.stringify(index, null, 2)}\n`);
  return entry;
}

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), "appshelf-site-test-"));
  indexDir = join(tmp, "index");
  outDir = join(tmp, "site");
  execFileSync(process.execPath, [engineBin, "build", "--mirror", "../shared/corpus", "--out", indexDir], {
    cwd: repoRoot,
    stdio: "pipe",
  });
  index = JSON.parse(readFileSync(join(indexDir, "index.json"), "utf8")) as RegistryIndex;
  suspended = addSuspendedCopy();
  // cwd is site/: with an outDir outside cwd, Astro stages its server build in <cwd>/.astro/ (gitignored there).
  execFileSync(process.execPath, [astroBin, "build", "--root", "."], {
    cwd: join(repoRoot, "site"),
    stdio: "pipe",
    env: { ...process.env, APPSHELF_INDEX_DIR: indexDir, APPSHELF_SITE_OUT: outDir, ASTRO_TELEMETRY_DISABLED: "1" },
  });
}, 300_000);

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe("catalog site", () => {
  it("builds from the engine's index", () => {
    expect(index.apps.length).toBeGreaterThan(1);
  });

  it("has one page per app in the index", () => {
    const pages = readdirSync(join(outDir, "apps"), { withFileTypes: true }).filter((e) => e.isDirectory() && existsSync(join(outDir, "apps", e.name, "index.html"))).map((e) => e.name).sort();
    expect(pages).toEqual(index.apps.map((a) => a.id).sort());
  });

  it("shows each app's name, publisher, digests and rendered description", () => {
    let headings = 0;
    for (const app of index.apps) {
      const html = page("apps", app.id);
      const shard = readShard(app);
      expect(html).toContain(escapeHtml(shard.name.en));
      expect(html).toContain(escapeHtml(shard.publisher.name));
      for (const v of shard.versions) expect(html).toContain(`<code class="sha">${v.artifact.sha256}</code>`);
      const heading = /^## +(.+?)\s*$/m.exec(shard.description.en)?.[1];
      if (heading) {
        expect(html).toContain(`<h2>${escapeHtml(heading)}</h2>`);
        headings += 1;
      }
    }
    expect(headings, "at least one description with a ## heading").toBeGreaterThan(0);
  });

  it("links registry-kept artifacts on the site", () => {
    for (const app of index.apps) {
      const html = page("apps", app.id);
      for (const v of readShard(app).versions.filter((v) => v.status === "released" && isRelativeUrl(v.artifact.url))) {
        expect(html).toContain(`href="/${v.artifact.url}"`);
        expect(existsSync(join(outDir, v.artifact.url))).toBe(true);
      }
    }
  });

  it("has no <script> tags at all", () => {
    const files = htmlFiles(outDir);
    expect(files.length).toBeGreaterThan(index.apps.length);
    for (const file of files) expect(readFileSync(file, "utf8"), file).not.toMatch(/<script/i);
  });

  it("lists active apps on the home page and leaves suspended ones out", () => {
    const home = page();
    for (const app of index.apps.filter((a) => a.status === "active")) expect(home).toContain(`href="/apps/${app.id}/"`);
    expect(home).not.toContain(`href="/apps/${suspended.id}/"`);
    for (const category of suspended.categories) {
      expect(page("categories", category)).not.toContain(`href="/apps/${suspended.id}/"`);
    }
  });

  it("keeps a suspended app's page and says it was taken down", () => {
    const html = page("apps", suspended.id);
    expect(html).toContain(escapeHtml(suspended.name.en));
    expect(html).toContain(en["app.suspended.title"]);
  });

  it("serves the index files byte for byte at the site root, including the Helm index", () => {
    expect(readFileSync(join(outDir, "index.json")).equals(readFileSync(join(indexDir, "index.json")))).toBe(true);
    for (const app of index.apps) {
      for (const ref of [app.shard, ...(app.icon ? [app.icon] : [])]) {
        expect(readFileSync(join(outDir, ref.path)).equals(readFileSync(join(indexDir, ref.path))), ref.path).toBe(true);
      }
    }
    expect(readFileSync(join(outDir, "helm/index.yaml")).equals(readFileSync(join(indexDir, index.helmIndex.path)))).toBe(true);
  });
});
