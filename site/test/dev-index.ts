/**
 * A small hand-made registry index (index.json, shards, icons, artifacts) for
 * working on the site without the engine. It holds cases the real corpus lacks:
 * hostile Markdown (raw HTML, images, javascript: links), a suspended version,
 * an app without an icon. Follows schema/index.schema.json and shard.schema.json.
 *
 *   node site/test/dev-index.ts /tmp/appshelf-dev-dist
 */
import { createHash } from "node:crypto";
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import type { AppEntry, FileRef, RegistryIndex, Shard } from "../src/lib/types.ts";

const repoRoot = resolve(fileURLToPath(new URL(".", import.meta.url)), "../..");
const corpus = resolve(repoRoot, "../shared/corpus");

const sha256 = (bytes: Uint8Array): string => createHash("sha256").update(bytes).digest("hex");

function put(out: string, path: string, bytes: Uint8Array | string, mediaType?: string): FileRef {
  const file = join(out, path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, bytes);
  const data = readFileSync(file);
  return { path, sha256: sha256(data), size: data.length, ...(mediaType ? { mediaType } : {}) };
}

const NOTES_ICON = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#0b6fb8"/><path d="M9 8h14v16H9z" fill="#fff"/></svg>\n`;

type ShardBody = Omit<Shard, "icon">;

function shards(): ShardBody[] {
  const harbor = parse(readFileSync(join(repoRoot, "apps/harbor/app.yaml"), "utf8")) as Record<string, unknown>;
  const harborVersion = parse(readFileSync(join(repoRoot, "apps/harbor/versions/helm/1.19.1.yaml"), "utf8")) as Shard["versions"][number];
  const { icon: _icon, ...harborMeta } = harbor;
  return [
    { formatVersion: 1, ...(harborMeta as Omit<ShardBody, "formatVersion" | "versions" | "screenshots">), screenshots: [], versions: [harborVersion] },
    {
      formatVersion: 1,
      id: "wordpress",
      name: { en: "WordPress", "zh-CN": "WordPress 博客" },
      summary: { en: "Blog and website builder with a MariaDB database" },
      description: {
        en: "WordPress with MariaDB, as a single Compose file.\n\n## What you get\n\n- WordPress on port 80\n- MariaDB with a named volume\n\n| service | image |\n| --- | --- |\n| db | `mariadb:10.6.4-focal` |\n\n<script>alert('x')</script> <img src=x onerror=alert(1)>\n\n![a picture](https://example.com/p.png) [bad](javascript:alert(1)) [good](https://wordpress.org)\n",
      },
      categories: ["content-management"],
      keywords: ["blog", "cms"],
      license: "CC0-1.0",
      publisher: { name: "Docker awesome-compose", url: "https://github.com/docker/awesome-compose", contact: "compose@example.com" },
      maintainers: ["octocat"],
      links: { repository: "https://github.com/docker/awesome-compose" },
      screenshots: [{ url: "https://example.com/wordpress.png", caption: { en: "The dashboard" } }],
      status: "active",
      versions: [
        {
          version: "6.8.2", delivery: "compose", appVersion: "6.8.2",
          artifact: { url: "artifacts/wordpress/compose/6.8.2/compose.yaml", sha256: "", size: 0 },
          compatibility: { compose: ">=2.20.0" }, changelog: { en: "### Fixed\n- Pinned MariaDB" },
          status: "released", released: "2026-04-02",
        },
        {
          version: "6.8.1", delivery: "compose", appVersion: "6.8.1",
          artifact: { url: "artifacts/wordpress/compose/6.8.1/compose.yaml", sha256: "", size: 0 },
          status: "suspended", released: "2026-03-01",
        },
      ],
    },
    {
      formatVersion: 1,
      id: "notes",
      name: { en: "Notes", "zh-CN": "笔记" },
      summary: { en: "Distraction-free notes and writing" },
      description: { en: "The Notes app is a distraction free notes taking app.\n\n## Features\n\n- Markdown\n- Categories\n" },
      categories: ["organization"],
      keywords: ["notes"],
      license: "AGPL-3.0-or-later",
      publisher: { name: "Nextcloud", url: "https://nextcloud.com" },
      maintainers: ["korelstar"],
      links: { website: "https://github.com/nextcloud/notes", bugs: "https://github.com/nextcloud/notes/issues" },
      screenshots: [],
      status: "active",
      versions: [
        {
          version: "6.0.2", delivery: "nextcloud", appVersion: "6.0.2",
          artifact: { url: "artifacts/notes/nextcloud/6.0.2/notes-6.0.2.tar.gz", sha256: "", size: 0 },
          compatibility: { nextcloud: ">=33 <=35", php: ">=8.2 <=8.5" },
          status: "released", released: "2026-05-01",
        },
      ],
    },
  ];
}

const ARTIFACT_SOURCES: Record<string, string> = {
  "artifacts/wordpress/compose/6.8.2/compose.yaml": "compose/apps/wordpress-mysql/compose.yaml",
  "artifacts/wordpress/compose/6.8.1/compose.yaml": "compose/apps/wordpress-mysql/compose.yaml",
  "artifacts/notes/nextcloud/6.0.2/notes-6.0.2.tar.gz": "nextcloud/archives/notes-6.0.2.tar.gz",
};

/** Writes the dev index into `out` and returns the parsed index. */
export function writeDevIndex(out: string): RegistryIndex {
  const categoryList = (parse(readFileSync(join(repoRoot, "schema/categories.yaml"), "utf8")) as { categories: RegistryIndex["categories"] }).categories;
  const icons: Record<string, FileRef> = {
    harbor: put(out, "icons/harbor.svg", readFileSync(join(repoRoot, "apps/harbor/icon.svg")), "image/svg+xml"),
    notes: put(out, "icons/notes.svg", NOTES_ICON, "image/svg+xml"),
  };
  const apps: AppEntry[] = [];
  for (const body of shards()) {
    for (const v of body.versions) {
      const source = ARTIFACT_SOURCES[v.artifact.url];
      if (source) {
        mkdirSync(dirname(join(out, v.artifact.url)), { recursive: true });
        copyFileSync(join(corpus, source), join(out, v.artifact.url));
        const bytes = readFileSync(join(out, v.artifact.url));
        v.artifact = { url: v.artifact.url, sha256: sha256(bytes), size: bytes.length };
      }
    }
    const icon = icons[body.id];
    const shard: Shard = { ...body, ...(icon ? { icon } : {}) };
    const shardRef = put(out, `apps/${body.id}.json`, `${JSON.stringify(shard, null, 2)}\n`, "application/json");
    const released = body.versions.filter((v) => v.status === "released");
    const latest: AppEntry["latest"] = {};
    for (const v of released) {
      latest[v.delivery] ??= { version: v.version, ...(v.appVersion ? { appVersion: v.appVersion } : {}), released: v.released };
    }
    apps.push({
      id: body.id, name: body.name, summary: body.summary, categories: body.categories, keywords: body.keywords,
      license: body.license, publisher: body.publisher, ...(icon ? { icon } : {}), status: body.status,
      deliveries: [...new Set(body.versions.map((v) => v.delivery))], latest,
      ...(released.length ? { updated: released.map((v) => v.released).sort().at(-1) } : {}),
      versions: body.versions.length, shard: shardRef,
    });
  }
  apps.sort((a, b) => a.id.localeCompare(b.id));
  const index: RegistryIndex = {
    formatVersion: 1,
    apps,
    categories: categoryList.map((c) => ({
      id: c.id,
      name: c.name,
      ...(c.description ? { description: c.description } : {}),
      apps: apps.filter((a) => a.status === "active" && a.categories.includes(c.id)).length,
    })),
  };
  put(out, "index.json", `${JSON.stringify(index, null, 2)}\n`);
  return index;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = resolve(process.argv[2] ?? "/tmp/appshelf-dev-dist");
  writeDevIndex(out);
  console.log(`Dev index written to ${out}`);
}
