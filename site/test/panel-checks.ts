/**
 * The trust panel, the install panel and /queue/ in Chromium (playwright-core), against the
 * built site on 127.0.0.1: panels at the top of a Helm, a Compose, a Nextcloud and a VM app,
 * tabs, copy buttons that put the exact commands on the clipboard, the Compose variables,
 * the review record from the demo's shard, the recorded queue, axe-core at 0 serious or
 * critical violations, and phone screenshots in test-results/site/.
 */
import { mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import en from "../src/i18n/en.json";
import { installPlan } from "../src/lib/install.ts";
import type { Shard } from "../src/lib/types.ts";
import { launchChromium } from "../../registry/test/browser/chromium.ts";
import { REPO_ROOT, VM_ID } from "./build-fixture.ts";
import { serveStatic, type StaticServer } from "./static-server.ts";

const SHOTS = join(REPO_ROOT, "test-results", "site");
const SITE = "http://localhost:4321/";

/** One app of each delivery type, with the delivery its page offers first. */
const APPS = [
  { id: "harbor", delivery: "helm" },
  { id: "gitea", delivery: "compose" },
  { id: "notes", delivery: "nextcloud" },
  { id: VM_ID, delivery: "vm" },
] as const;

export function describePanels(
  context: () => { siteDir: string; indexDir: string; demoIndexDir: string; keyId: string },
): void {
  describe("trust and install panels, and the queue, in Chromium", () => {
    let server: StaticServer;
    let browser: Browser;
    let desktop: BrowserContext;
    let phone: BrowserContext;
    const errors: string[] = [];
    const shard = (id: string): Shard =>
      JSON.parse(readFileSync(join(context().indexDir, "apps", `${id}.json`), "utf8")) as Shard;

    beforeAll(async () => {
      mkdirSync(SHOTS, { recursive: true });
      server = await serveStatic(context().siteDir);
      browser = await launchChromium();
      desktop = await browser.newContext({
        viewport: { width: 1280, height: 900 },
        permissions: ["clipboard-read", "clipboard-write"],
      });
      phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    });

    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    async function open(path: string, on: BrowserContext = desktop): Promise<Page> {
      const page = await on.newPage();
      page.on("console", (msg) => msg.type() === "error" && errors.push(`${path}: ${msg.text()}`));
      page.on("pageerror", (error) => errors.push(`${path}: ${error.message}`));
      await page.goto(server.url + path);
      await page.waitForLoadState("load");
      return page;
    }

    it("shows the install panel beside the content and the trust panel at the top, on a Helm, a Compose, a Nextcloud and a VM app", async () => {
      for (const { id, delivery } of APPS) {
        const page = await open(`/apps/${id}/`);
        const install = await page.locator("[data-install-panel]").boundingBox();
        const trust = await page.locator("[data-trust-panel]").boundingBox();
        const about = await page.locator("#about").boundingBox();
        if (!install || !trust || !about) throw new Error(`${id}: a panel is not shown`);
        expect(install.y, id).toBeLessThan(400);
        expect(install.x, `${id}: side column`).toBeGreaterThan(trust.x + trust.width - 1);
        expect(trust.y, id).toBeLessThan(about.y);
        const tabs = await page.$$eval("[role=tab]", (els) =>
          els.map((e) => [e.getAttribute("data-delivery"), e.getAttribute("aria-selected")]),
        );
        expect(tabs[0], id).toEqual([delivery, "true"]);
        expect(await page.isVisible(`#install-${delivery}`), id).toBe(true);
        const index = page.locator('[data-trust="index"]');
        await page.waitForSelector('[data-trust="index"]:not([data-status="unchecked"])');
        expect(await index.getAttribute("data-status"), id).toBe("signed");
        expect(await index.textContent(), id).toContain(context().keyId.slice(0, 16));
        await page.waitForSelector("[data-index-facts][data-filled]");
        expect(await page.textContent("[data-index-facts]"), id).toMatch(
          /^serial \d+, expires \w+ \d+, \d{4} at \d\d:\d\d UTC$/,
        );
        const latest = shard(id).versions.find((v) => v.delivery === delivery && v.status === "released");
        expect(await page.textContent(`[data-trust="release"][data-delivery="${delivery}"]`), id).toContain(
          latest?.artifact.sha256,
        );
        expect(await page.textContent('[data-trust="publisher"]'), id).toContain(en["trust.publisher.unverified"]);
      }
    });

    it("switches delivery tabs by click and arrow keys, one panel shown at a time", async () => {
      const page = await open("/apps/wordpress/");
      expect(await page.$$eval("[role=tab]", (els) => els.map((e) => e.getAttribute("data-delivery")))).toEqual([
        "helm",
        "compose",
      ]);
      await page.click("#install-tab-compose");
      expect([await page.isVisible("#install-helm"), await page.isVisible("#install-compose")]).toEqual([false, true]);
      await page.keyboard.press("ArrowLeft");
      expect(await page.evaluate(() => document.activeElement?.id)).toBe("install-tab-helm");
      expect([await page.isVisible("#install-helm"), await page.isVisible("#install-compose")]).toEqual([true, false]);
    });

    it("copies the exact commands of every step to the clipboard", async () => {
      for (const { id, delivery } of APPS) {
        const page = await open(`/apps/${id}/`);
        const s = shard(id);
        const version = s.versions.find((v) => v.delivery === delivery && v.status === "released");
        if (!version) throw new Error(`${id}: no released ${delivery} version`);
        const url = /^https?:/.test(version.artifact.url)
          ? version.artifact.url
          : new URL(`/${version.artifact.url}`, SITE).href;
        const chart = version.metadata && "helm" in version.metadata ? version.metadata.helm.chart : undefined;
        const expected = installPlan(id, version, { url, site: SITE, ...(chart ? { chart } : {}) })
          .steps.filter((st) => st.commands.length > 0)
          .map((st) => st.commands.join("\n"));
        const buttons = page.locator(`#install-${delivery} .copy-button`);
        expect(await buttons.count(), id).toBe(expected.length);
        for (const [i, text] of expected.entries()) {
          await buttons.nth(i).click();
          expect(await page.evaluate(() => navigator.clipboard.readText()), `${id} step ${i + 1}`).toBe(text);
          expect(await buttons.nth(i).textContent()).toBe(en["copy.done"]);
        }
      }
    });

    it("lists a Compose app's required variables, with what to put there", async () => {
      const page = await open("/apps/wordpress/");
      await page.click("#install-tab-compose");
      const rows = await page.$$eval("#install-compose tr[data-variable]", (trs) =>
        trs.map((tr) => [tr.getAttribute("data-variable"), tr.classList.contains("required"), tr.textContent ?? ""]),
      );
      expect(rows.filter((r) => r[1]).map((r) => r[0])).toEqual(["WORDPRESS_DB_PASSWORD", "MARIADB_ROOT_PASSWORD"]);
      expect(rows.find((r) => r[0] === "WORDPRESS_HTTP_PORT")?.[2]).toContain("default 8080");
      expect(await page.textContent("#install-compose")).toContain(
        'WORDPRESS_DB_PASSWORD "$(openssl rand -hex 24)" >> .env',
      );
    });

    it("renders a version's review record from the demo's shard, linking the pull request", async () => {
      const demo = JSON.parse(readFileSync(join(context().demoIndexDir, "apps", "wordpress.json"), "utf8")) as Shard;
      const release = demo.versions.find((v) => v.delivery === "helm")?.review?.release;
      if (release?.gate !== "approved") throw new Error("no approved record in the demo shard");
      const page = await open("/apps/wordpress/");
      const card = page.locator("#helm-27\\.0\\.0 .review-history");
      const link = card.locator(`a[href="${release.record.url}"]`);
      expect(await link.textContent()).toBe(`pull request #${release.record.pullRequest}`);
      const stages = await card
        .locator(".review-stages > li")
        .evaluateAll((lis) => lis.map((li) => li.getAttribute("data-role")));
      expect(stages).toEqual(release.record.stages.map((st) => st.role));
      const text = (await card.textContent()) ?? "";
      for (const st of release.record.stages) for (const a of st.approvals) expect(text).toContain(`@${a.login}`);
      await page.locator("#helm-27\\.0\\.0").screenshot({ path: join(SHOTS, "review-record.png") });
    });

    it("renders /queue/ from the recorded queue.json, grouped by stage, oldest first, with age, overdue marks and who is asked", async () => {
      const page = await open("/queue/");
      const groups = await page.$$eval(".queue-group h2", (hs) =>
        hs.map((h) => h.textContent?.replace(/\s+/g, " ").trim()),
      );
      expect(groups).toEqual([
        "Stage 2 of 3: business review (2)",
        "Stage 2 of 2: technical review (1)",
        "Waiting for the automated check (1)",
        "Drafts (1)",
      ]);
      expect(
        await page.$$eval(".queue-entry", (lis) => lis.map((li) => Number(li.getAttribute("data-number")))),
      ).toEqual([41, 43, 44, 45, 39]);
      const first = page.locator('.queue-entry[data-number="41"]');
      expect(await first.locator(".badge").textContent()).toBe(en["queue.overdue"]);
      expect(await first.locator(".queue-age").textContent()).toBe("5 d 2 h");
      expect(await first.locator(".queue-asked").textContent()).toContain("@appshelf/business-reviewers");
      await page.screenshot({ path: join(SHOTS, "queue.png"), fullPage: true });
    });

    it("keeps axe-core at 0 serious or critical violations on app pages of every delivery type and on /queue/", async () => {
      const axe = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
      for (const scheme of ["light", "dark"] as const) {
        const on = await browser.newContext({
          viewport: { width: 1280, height: 900 },
          colorScheme: scheme,
          bypassCSP: true,
        });
        for (const path of [
          ...APPS.map((a) => `/apps/${a.id}/`),
          "/apps/wordpress/",
          "/apps/nextcloud/",
          "/queue/",
          "/zh-CN/apps/wordpress/",
        ]) {
          const page = await open(path, on);
          await page.addScriptTag({ path: axe });
          const violations = await page.evaluate(async () => {
            const result = await (
              window as unknown as {
                axe: {
                  run(): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }>;
                };
              }
            ).axe.run();
            return result.violations
              .filter((v) => v.impact === "serious" || v.impact === "critical")
              .map((v) => `${v.id} ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
          });
          expect(violations, `${path} (${scheme})`).toEqual([]);
        }
        await on.close();
      }
    });

    /** Opens the search page for `query` and waits until its search has finished; returns the result paths. */
    async function searchFor(
      path: string,
      on: BrowserContext = desktop,
    ): Promise<{ page: Page; found: string[]; status: string }> {
      const page = await open(path, on);
      await page.waitForFunction(() => {
        const form = document.querySelector<HTMLFormElement>("#search-form");
        return form?.dataset.started !== undefined && form.dataset.started === form.dataset.done;
      });
      const found = await page.$$eval("#search-results h3 a", (links) =>
        links.map((a) => new URL((a as HTMLAnchorElement).href).pathname),
      );
      return { page, found, status: (await page.textContent("#search-status")) ?? "" };
    }

    it("finds words of the other language from either UI and says where they were found", async () => {
      const zhWord = await searchFor(`/search/?q=${encodeURIComponent("数据库")}`);
      expect(zhWord.status).toMatch(/^No results in English — \d+ in 简体中文:$/);
      expect(zhWord.found).toEqual(expect.arrayContaining(["/apps/mysql/", "/apps/redis/"]));
      const enWord = await searchFor("/zh-CN/search/?q=lightweight");
      expect(enWord.status).toMatch(/^简体中文中没有结果 — English中有 \d+ 个：$/);
      expect(enWord.found).toContain("/zh-CN/apps/gitea/");
    });

    it("tolerates a typo with close matches from the catalog", async () => {
      const { found, status } = await searchFor("/search/?q=redsi");
      expect(found).toEqual(["/apps/redis/"]);
      expect(status).toBe("No exact match for “redsi”; 1 close matches:");
    });

    it("shows delivery chips with the latest version on result cards, and results above the filters on a phone", async () => {
      const { page } = await searchFor("/search/?q=wordpress");
      const chips = await page.$$eval(
        '#search-results a[href="/apps/wordpress/"] >> xpath=ancestor::article//li[@data-delivery]',
        (lis) => lis.map((li) => li.textContent),
      );
      expect(chips).toEqual(["Helm chart 27.0.0", "Docker Compose 6.8.2"]);
      const onPhone = await searchFor("/search/?q=redis", phone);
      const results = await onPhone.page.locator("#search-status").boundingBox();
      const filters = await onPhone.page.locator(".search-filters").boundingBox();
      expect(results && filters && results.y < filters.y).toBe(true);
      expect(onPhone.found[0]).toBe("/apps/redis/");
      await onPhone.page.screenshot({ path: join(SHOTS, "search-phone.png") });
    });

    it("puts the install panel first on a phone, without sideways scrolling, and saves phone screenshots", async () => {
      for (const path of ["/apps/wordpress/", "/apps/notes/", `/apps/${VM_ID}/`, "/queue/"]) {
        const page = await open(path, phone);
        const overflow = await page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        expect(overflow, path).toBeLessThanOrEqual(0);
        if (path.startsWith("/apps/")) {
          const install = await page.locator("[data-install-panel]").boundingBox();
          expect(install && install.y < 844, `${path}: install panel on the first screen`).toBe(true);
        }
        const name = path === "/queue/" ? "queue-phone" : `${path.split("/")[2]}-phone`;
        await page.screenshot({ path: join(SHOTS, `${name}.png`) });
      }
      expect(errors).toEqual([]);
    });
  });
}
