/**
 * Builds the catalog from the engine's index of the real sample apps (plus a suspended app
 * and a hostile one, see build-fixture.ts) and checks the static output, then drives it in
 * Chromium (browser-checks.ts). Run from the repo root: npx vitest run site
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import en from "../src/i18n/en.json";
import zhCN from "../src/i18n/zh-CN.json";
import { isRelativeUrl, parseTrustedKeys } from "../../registry/src/site-api.ts";
import { readRegistry, type LoadedIndex } from "../src/lib/read-registry.ts";
import type { AppEntry, Shard } from "../src/lib/types.ts";
import { describeBrowser } from "./browser-checks.ts";
import { describePanels } from "./panel-checks.ts";
import { describeHelperThreads } from "./helper-threads-checks.ts";
import { describeRebuild } from "./rebuild-checks.ts";
import { describeSearchDocuments } from "./search-document-checks.ts";
import {
  buildSite,
  PROBE_ID,
  STATS_DISCUSSIONS,
  STATS_DOWNLOADS,
  SUSPENDED_ID,
  UNAVAILABLE_SINCE,
  VM_ID,
  type BuiltSite,
} from "./build-fixture.ts";

let built: BuiltSite;
let loaded: LoadedIndex;
let active: AppEntry[];

const escapeHtml = (text: string): string =>
  text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
const page = (...parts: string[]): string => readFileSync(join(built.siteDir, ...parts, "index.html"), "utf8");
const file = (...parts: string[]): string => readFileSync(join(built.siteDir, ...parts), "utf8");
const shard = (id: string) => {
  const found = loaded.shards.get(id);
  if (!found) throw new Error(`no shard for ${id}`);
  return found;
};

/** The tags of an HTML page (text never holds a raw "<", so this skips escaped markup shown as text). */
const tagsOf = (html: string) => html.matchAll(/<[a-z][^>]*>/gi);

function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith(".html"))
    .map((e) => join(e.parentPath, e.name));
}

const xml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  isArray: (name) => ["entry", "url", "xhtml:link", "link", "category"].includes(name),
});

beforeAll(async () => {
  built = buildSite();
  loaded = await readRegistry(
    built.indexDir,
    parseTrustedKeys(readFileSync(built.trustedKeys), built.trustedKeys),
    built.trustedKeys,
  );
  active = loaded.index.apps.filter((a) => a.status === "active");
}, 600_000);

afterAll(() => built?.cleanup());

describe("catalog site", () => {
  it("builds from the engine's index, with the suspended and probe apps in it", () => {
    const ids = loaded.index.apps.map((a) => a.id);
    expect(ids).toEqual(expect.arrayContaining(["harbor", "nextcloud", "notes", SUSPENDED_ID, PROBE_ID, VM_ID]));
    expect(loaded.index.apps.find((a) => a.id === SUSPENDED_ID)?.status).toBe("suspended");
  });

  it("has one page per app and language", () => {
    for (const prefix of [[], ["zh-CN"]]) {
      const dir = join(built.siteDir, ...prefix, "apps");
      const pages = readdirSync(dir, { withFileTypes: true })
        .filter((e) => e.isDirectory() && existsSync(join(dir, e.name, "index.html")))
        .map((e) => e.name);
      expect(pages.sort()).toEqual(loaded.index.apps.map((a) => a.id).sort());
    }
  });

  it("shows each app's name, publisher, digests and rendered description", () => {
    let headings = 0;
    for (const app of loaded.index.apps) {
      const html = page("apps", app.id);
      const s = shard(app.id);
      expect(html).toContain(escapeHtml(s.name.en));
      expect(html).toContain(escapeHtml(s.publisher.name));
      for (const v of s.versions) expect(html).toContain(`<code class="sha">${v.artifact.sha256}</code>`);
      const heading = /^## +(.+?)\s*$/m.exec(s.description.en)?.[1];
      if (heading) {
        expect(html).toContain(`<h2>${escapeHtml(heading)}</h2>`);
        headings += 1;
      }
    }
    expect(headings, "at least one description with a ## heading").toBeGreaterThan(0);
  });

  it("links registry-kept artifacts of listed apps on the site", () => {
    for (const app of active) {
      const html = page("apps", app.id);
      for (const v of shard(app.id).versions.filter((v) => v.status === "released" && isRelativeUrl(v.artifact.url))) {
        expect(html).toContain(`href="/${v.artifact.url}"`);
        expect(existsSync(join(built.siteDir, v.artifact.url))).toBe(true);
      }
    }
  });

  it("has no inline script and a Content-Security-Policy forbidding them on every page", () => {
    const files = htmlFiles(built.siteDir);
    expect(files.length).toBeGreaterThan(loaded.index.apps.length * 2);
    for (const f of files) {
      const html = readFileSync(f, "utf8");
      for (const tag of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
        expect(tag[1], f).toMatch(/\bsrc="\/[^"]+"/);
        expect(tag[2], f).toBe("");
      }
      for (const [tag] of tagsOf(html)) expect(tag, f).not.toMatch(/\son[a-z]+=|javascript:/i);
      const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1];
      expect(csp, f).toContain("script-src 'self' 'wasm-unsafe-eval'");
      expect(csp, f).not.toContain("unsafe-inline");
    }
  });

  it("lists active apps on the home page and leaves suspended ones out of every listing", () => {
    const home = page();
    for (const app of active) expect(home).toContain(`href="/apps/${app.id}/"`);
    const suspended = loaded.index.apps.find((a) => a.id === SUSPENDED_ID)!;
    const listings = [
      page(),
      page("zh-CN"),
      page("publishers", "gitea"),
      ...suspended.categories.map((c) => page("categories", c)),
    ];
    for (const html of listings) expect(html).not.toContain(`/apps/${SUSPENDED_ID}/`);
  });

  it("keeps a suspended app's page, says it was taken down and keeps it out of search", () => {
    const html = page("apps", SUSPENDED_ID);
    expect(html).toContain("Gitea Mirror");
    expect(html).toContain(en["app.suspended.title"]);
    expect(html).not.toContain("data-pagefind-body");
    expect(html).toContain('<meta name="robots" content="noindex">');
    expect(html).not.toContain('class="download"');
    expect(page("zh-CN", "apps", SUSPENDED_ID)).toContain(zhCN["app.suspended.title"]);
    expect(html).toContain(
      '<p class="suspension-reason">Reason given by the administrators on 2026-05-04 (pull request #12): mirror of an unlicensed build &lt;b&gt;</p>',
    );
  });

  it("serves the index files byte for byte at the site root", () => {
    for (const [path, bytes] of loaded.files) {
      expect(readFileSync(join(built.siteDir, path)).equals(bytes), path).toBe(true);
    }
  });

  it("renders the probe's scripts, javascript: links and SVG as inert text", () => {
    const html = page("apps", PROBE_ID);
    const about = /<div class="prose">([\s\S]*?)<\/div>/.exec(html)?.[1] ?? "";
    expect(about).toContain("&lt;script&gt;");
    expect(about).toContain("&lt;svg");
    expect(about).not.toMatch(/<(script|svg|img|iframe)\b/i);
    for (const [tag] of tagsOf(html)) expect(tag).not.toMatch(/javascript:/i);
    expect(about).toContain("<span>markdown link</span>");
  });

  it("has pages per language with a language switch, hreflang alternates and English fallback", () => {
    const zh = page("zh-CN", "apps", "harbor");
    expect(zh).toContain('<html lang="zh-CN">');
    expect(zh).toContain("Harbor 镜像仓库");
    expect(zh).toContain(zhCN["app.description"]);
    expect(zh).toMatch(/<a href="\/apps\/harbor\/" hreflang="en" lang="en">English<\/a>/);
    expect(zh).toMatch(/<link rel="alternate" hreflang="en" href="http:\/\/localhost:4321\/apps\/harbor\/">/);
    const probe = page("zh-CN", "apps", PROBE_ID);
    expect(probe).toContain('<h1 data-pagefind-meta="title" lang="en">Markup Probe</h1>');
    expect(probe).toContain(zhCN["app.description"]);
  });

  it("has publisher pages listing each publisher's apps with its links", () => {
    const bitnami = page("publishers", "bitnami");
    for (const id of ["mysql", "redis", "wordpress"]) expect(bitnami).toContain(`href="/apps/${id}/"`);
    expect(bitnami).toContain('href="https://bitnami.com"');
    expect(page("apps", "redis")).toContain(`href="/publishers/bitnami/"`);
    const index = page("publishers");
    expect(index).toContain('href="/publishers/probe-labs/"');
  });

  it("has category pages with counts of listed apps", () => {
    const database = page("categories", "database");
    expect(database).toContain(`<p class="publisher">2 apps</p>`);
    expect(page("categories")).toMatch(/href="\/categories\/database\/">[^<]+<\/a><\/h2>[\s\S]*?2 apps/);
  });

  it("shows new and recently updated lists on the home page", () => {
    const home = page();
    expect(home).toContain(en["home.new"]);
    expect(home).toContain(en["home.updated"]);
    expect(home).toMatch(/first released \w+ \d+, \d{4}/);
  });

  it("draws the Compose services of Nextcloud with their dependencies", () => {
    const html = page("apps", "nextcloud");
    const svg = /<svg class="services-diagram"[\s\S]*?<\/svg>/.exec(html)?.[0] ?? "";
    expect(svg.match(/class="services-node"/g)).toHaveLength(4);
    expect(svg.match(/class="services-edge"/g)).toHaveLength(3);
    expect(html).toContain("app depends on db, redis.");
    expect(page("apps", "gitea")).toContain("gitea depends on db.");
  });

  it("shows on each version what it will create: objects, images and flags, as Helm rendered them", () => {
    const harbor = page("apps", "harbor");
    expect(harbor).toContain("Rendered by helm v4.1.4 for Kubernetes v1.20.0");
    expect(harbor).toContain("<code>docker.io/goharbor/harbor-core:v2.15.1</code>");
    expect(harbor).toMatch(/4 × <code>Deployment<\/code>/);
    expect(page("zh-CN", "apps", "harbor")).toContain("由 helm v4.1.4 渲染（Kubernetes v1.20.0）");
    expect(page("apps", "gitea")).toMatch(/published port: <code>gitea<\/code>/);
  });

  it("shows download counts from the stats file, and nothing where there is no count", () => {
    expect(page("apps", "notes")).toContain("1,234 downloads");
    expect(page("apps", "tasks")).toContain("1 download<");
    expect(page("zh-CN", "apps", "notes")).toContain("1,234 次下载");
    expect(page("apps", "harbor")).not.toMatch(/downloads?</);
    expect(Object.keys(STATS_DOWNLOADS)).toHaveLength(2);
  });

  it("shows an app's rating and comments from its GitHub Discussion, with the link to discuss and rate there; nothing for apps without one", () => {
    const harbor = page("apps", "harbor");
    expect(harbor).toContain(`<a href="${STATS_DISCUSSIONS.harbor.url}" rel="external">Discuss and rate on GitHub</a>`);
    expect(harbor).toContain("👍 1,234 · 👎 7");
    expect(harbor).toContain("1,234 thumbs up, 7 thumbs down");
    expect(harbor).toContain("1 comment<");
    const zh = page("zh-CN", "apps", "harbor");
    expect(zh).toContain("在 GitHub 上讨论和评分");
    expect(zh).toContain("1 条评论");
    expect(page("apps", "notes")).not.toContain('class="discussion');
    expect(page("apps", "notes")).not.toContain("Discuss and rate on GitHub");
  });

  it("offers install steps that work as written, per delivery type, and never a bare npx appshelf", () => {
    const harbor = page("apps", "harbor");
    expect(harbor).toContain("helm repo add appshelf http://localhost:4321/helm");
    expect(harbor).toContain("helm repo update appshelf");
    expect(harbor).toContain("helm install harbor appshelf/harbor --version 1.19.1");
    const gitea = page("apps", "gitea");
    expect(gitea).toContain("docker compose -f compose.yaml up -d");
    expect(gitea).toContain(escapeHtml(`printf '%s=%s\\n' GITEA_DB_PASSWORD "$(openssl rand -hex 24)" >> .env`));
    const notes = page("apps", "notes");
    expect(notes).not.toContain("occ app:install");
    expect(notes).toContain("sudo tar -xzf notes-v6.0.2.tar.gz -C /var/www/nextcloud/apps");
    expect(notes).toContain("sudo -u www-data php /var/www/nextcloud/occ app:enable notes");
    expect(page("apps", VM_ID)).toMatch(/sha256sum -c -/);
    for (const f of htmlFiles(built.siteDir)) expect(readFileSync(f, "utf8"), f).not.toMatch(/npx appshelf/);
  });

  it("installs the client from the tarball the site serves, then pulls with it", () => {
    const notes = page("apps", "notes");
    expect(notes).toContain("npm install --global http://localhost:4321/client/appshelf-client-0.1.0.tgz");
    expect(notes).toContain("appshelf pull notes@6.0.2 --delivery nextcloud --registry http://localhost:4321");
  });

  it("lists the variables a Compose file needs, required ones first with what to put there", () => {
    const html = page("apps", "wordpress");
    const rows = [...html.matchAll(/<tr class="required" data-variable="([A-Z_]+)"/g)].map((m) => m[1]);
    expect(rows).toEqual(expect.arrayContaining(["WORDPRESS_DB_PASSWORD", "MARIADB_ROOT_PASSWORD"]));
    expect(html).toMatch(/data-variable="WORDPRESS_HTTP_PORT"[\s\S]*?default 8080/);
    expect(page("apps", "nextcloud")).toMatch(/<tr class="required" data-variable="NEXTCLOUD_ADMIN_PASSWORD"/);
  });

  it("shows a trust panel on every app page, holding the keys the served signature is checked against", () => {
    for (const app of loaded.index.apps) {
      const html = page("apps", app.id);
      expect(html, app.id).toContain('data-trust="index" data-status="unchecked"');
      expect(html, app.id).toContain(`&quot;keyId&quot;:&quot;${built.keyId}&quot;`);
      expect(html, app.id).toContain("data-index-facts");
    }
    expect(page("apps", SUSPENDED_ID)).toContain(en["trust.status.suspended"]);
  });

  it("shows each version's review record from the demo's shard, with pull request links; versions outside the ledger say so", () => {
    const demo = JSON.parse(readFileSync(join(built.demoIndexDir, "apps", "wordpress.json"), "utf8")) as Shard;
    const html = page("apps", "wordpress");
    const helm = demo.versions.find((v) => v.delivery === "helm")?.review?.release;
    if (helm?.gate !== "approved") throw new Error("the demo's helm release has no approved record");
    expect(html).toContain(`<a href="${helm.record.url}">pull request #${helm.record.pullRequest}</a>`);
    expect(html).toContain(helm.record.mergeCommit.slice(0, 12));
    for (const stage of helm.record.stages) for (const a of stage.approvals) expect(html).toContain(`@${a.login}`);
    expect(page("apps", "harbor")).toContain("the review ledger holds no record of harbor/helm/1.19.1");
    expect(page("apps", "harbor")).toContain(en["review.release.none"]);
  });

  it("builds /queue/ from the recorded queue.json: grouped by stage, oldest first, overdue marked", () => {
    const html = page("queue");
    const numbers = [...html.matchAll(/data-number="(\d+)"/g)].map((m) => Number(m[1]));
    expect(numbers).toEqual([41, 43, 44, 45, 39]);
    expect(html).toMatch(/<li class="queue-entry overdue" data-number="41">/);
    expect(html).toContain("Stage 2 of 3: business review");
    expect(page("zh-CN", "queue")).toContain(zhCN["queue.heading"]);
  });

  it("says loudly on every page of a local build that links point at localhost", () => {
    for (const p of [page(), page("apps", "harbor"), page("zh-CN")]) expect(p).toContain("data-local-site");
  });

  it("publishes Atom feeds of releases without suspended apps", () => {
    for (const path of [
      ["feed.xml"],
      ["zh-CN", "feed.xml"],
      ["apps", "harbor", "feed.xml"],
      ["zh-CN", "apps", "notes", "feed.xml"],
    ]) {
      expect(XMLValidator.validate(file(...path)), path.join("/")).toBe(true);
    }
    const feed = xml.parse(file("feed.xml")).feed;
    const links = feed.entry.map((e: { link: { "@_href": string }[] }) => e.link[0]?.["@_href"]);
    const released = active.reduce((n, a) => n + shard(a.id).versions.filter((v) => v.status === "released").length, 0);
    expect(feed.entry).toHaveLength(released);
    expect(links).toContain("http://localhost:4321/apps/harbor/#helm-1.19.1");
    expect(links.join(" ")).not.toContain(SUSPENDED_ID);
    expect(existsSync(join(built.siteDir, "apps", SUSPENDED_ID, "feed.xml"))).toBe(false);
    const harbor = xml.parse(file("apps", "harbor", "feed.xml")).feed;
    expect(harbor.entry[0].title).toBe("Harbor 1.19.1 (Helm chart)");
    expect(harbor.entry[0].content["#text"]).toContain("<p>");
  });

  it("publishes a sitemap of listed pages in both languages", () => {
    expect(XMLValidator.validate(file("sitemap.xml"))).toBe(true);
    const urls = xml.parse(file("sitemap.xml")).urlset.url.map((u: { loc: string }) => u.loc);
    expect(urls).toContain("http://localhost:4321/apps/harbor/");
    expect(urls).toContain("http://localhost:4321/zh-CN/apps/harbor/");
    expect(urls).toContain("http://localhost:4321/publishers/goharbor/");
    expect(urls.join(" ")).not.toContain(SUSPENDED_ID);
  });

  it("marks a version whose upstream is gone as unavailable since its date, in the index and on the app page in both languages, still listed", () => {
    expect(shard("harbor").versions).toMatchObject([
      { version: "1.19.1", status: "released", unavailableSince: UNAVAILABLE_SINCE },
    ]);
    expect(shard("wordpress").versions.every((v) => v.unavailableSince === undefined)).toBe(true);
    expect(file("ledger.json")).toBe(readFileSync(join(built.indexDir, "ledger.json"), "utf8"));
    const date = (lang: string) =>
      new Intl.DateTimeFormat(lang, { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" }).format(
        new Date(`${UNAVAILABLE_SINCE}T00:00:00Z`),
      );
    for (const [html, lang, text] of [
      [page("apps", "harbor"), "en", en["version.unavailable"]],
      [page("zh-CN", "apps", "harbor"), "zh-CN", zhCN["version.unavailable"]],
    ] as const) {
      expect(html).toContain(`data-unavailable-since="${UNAVAILABLE_SINCE}"`);
      expect(html).toContain(escapeHtml(text.replace("{date}", date(lang))));
    }
    expect(page("apps", "wordpress")).not.toContain("data-unavailable-since");
    expect(page()).toContain('href="/apps/harbor/"');
  });

  it("indexes listed app pages for search in both languages, in the bundles pagefind/bundles.json lists", () => {
    const { bundles } = JSON.parse(file("pagefind", "bundles.json")) as { bundles: string[] };
    expect(bundles.length).toBeGreaterThan(0);
    const pages = (lang: string) =>
      bundles.reduce(
        (n, b) =>
          n +
          ((
            JSON.parse(file("pagefind", b, "pagefind-entry.json")) as {
              languages: Record<string, { page_count: number }>;
            }
          ).languages[lang]?.page_count ?? 0),
        0,
      );
    expect(pages("en")).toBe(active.length);
    expect(pages("zh-cn")).toBe(active.length);
  });
});

describeBrowser(() => ({ siteDir: built.siteDir, activeIds: active.map((a) => a.id) }));
describeSearchDocuments(() => ({ siteDir: built.siteDir }));
describeRebuild(() => built);
describeHelperThreads(() => built);
describePanels(() => ({
  siteDir: built.siteDir,
  indexDir: built.indexDir,
  demoIndexDir: built.demoIndexDir,
  keyId: built.keyId,
}));
