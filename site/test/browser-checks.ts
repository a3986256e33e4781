/**
 * The catalog in a real browser: Chromium (see registry/test/browser/chromium.ts) driven by playwright-core against the
 * built site served on 127.0.0.1. Screenshots go to test-results/site/ (not committed).
 */
import { existsSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import en from "../src/i18n/en.json";
import zhCN from "../src/i18n/zh-CN.json";
import { launchChromium } from "../../registry/test/browser/chromium.ts";
import { checkAccessibility } from "./a11y-checks.ts";
import { PROBE_ID, PWNED_PATH, REPO_ROOT, SUSPENDED_ID } from "./build-fixture.ts";
import { serveStatic, type StaticServer } from "./static-server.ts";

const SHOTS = join(REPO_ROOT, "test-results", "site");

/** axe-core's browser bundle when the package is installed, else undefined (then only our own checks run). */
function axeSource(): string | undefined {
  try {
    return createRequire(import.meta.url).resolve("axe-core/axe.min.js");
  } catch {
    return undefined;
  }
}

interface Visit {
  page: Page;
  /** Requests that left 127.0.0.1. */
  external: string[];
  /** Console errors, CSP violations and uncaught exceptions. */
  errors: string[];
  dialogs: string[];
}

export function describeBrowser(context: () => { siteDir: string; activeIds: string[] }): void {
  describe("catalog in Chromium", () => {
    let server: StaticServer;
    let browser: Browser;
    let light: BrowserContext;
    const visits: Visit[] = [];

    beforeAll(async () => {
      mkdirSync(SHOTS, { recursive: true });
      server = await serveStatic(context().siteDir);
      browser = await launchChromium();
      light = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme: "light" });
    });

    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    async function open(path: string, on: BrowserContext = light): Promise<Visit> {
      const page = await on.newPage();
      const visit: Visit = { page, external: [], errors: [], dialogs: [] };
      page.on("request", (req) => {
        if (!req.url().startsWith(server.url) && !req.url().startsWith("data:")) visit.external.push(req.url());
      });
      page.on("console", (msg) => {
        if (msg.type() === "error") visit.errors.push(msg.text());
      });
      page.on("pageerror", (error) => visit.errors.push(error.message));
      page.on("dialog", (dialog) => {
        visit.dialogs.push(dialog.message());
        void dialog.dismiss();
      });
      visits.push(visit);
      await page.goto(server.url + path);
      return visit;
    }

    /** Waits until the search page has finished the search started by the last input. */
    async function settled(page: Page): Promise<string[]> {
      await page.waitForFunction(() => {
        const form = document.querySelector<HTMLFormElement>("#search-form");
        return form?.dataset.started !== undefined && form.dataset.started === form.dataset.done;
      });
      return page.$$eval("#search-results h3 a", (links) =>
        links.map((a) => new URL((a as HTMLAnchorElement).href).pathname),
      );
    }

    /** Does something that starts a search, then waits for its results. */
    async function after(page: Page, action: () => Promise<void>): Promise<string[]> {
      const before = await page.$eval("#search-form", (f) => (f as HTMLFormElement).dataset.started ?? "0");
      await action();
      await page.waitForFunction(
        (b) => Number(document.querySelector<HTMLFormElement>("#search-form")?.dataset.started ?? 0) > Number(b),
        before,
      );
      return settled(page);
    }

    const search = (page: Page, words: string): Promise<string[]> => after(page, () => page.fill("#search-q", words));

    it("finds an app by name, keyword and publisher, and opens it", async () => {
      const { page } = await open("/search/");
      expect(await search(page, "harbor")).toContain("/apps/harbor/");
      expect(await search(page, "mqtt")).toEqual(["/apps/emqx/"]);
      expect(await search(page, "bitnami")).toEqual(
        expect.arrayContaining(["/apps/mysql/", "/apps/redis/", "/apps/wordpress/"]),
      );
      const found = await search(page, "redis");
      expect(found[0]).toBe("/apps/redis/");
      await page.screenshot({ path: join(SHOTS, "search-results.png"), fullPage: true });
      await Promise.all([
        page.waitForURL(`${server.url}/apps/redis/`, { waitUntil: "domcontentloaded" }),
        page.click('#search-results a[href="/apps/redis/"]'),
      ]);
      expect(await page.textContent("h1")).toBe("Redis");
    });

    it("reads the words and filters from the URL and filters by category and delivery type", async () => {
      const { page } = await open("/search/?category=database");
      expect((await settled(page)).sort()).toEqual(["/apps/mysql/", "/apps/redis/"]);
      expect(await after(page, () => page.check("input[name=delivery][value=nextcloud]"))).toEqual([]);
      expect(await page.textContent("#search-status")).toBe(en["search.none"]);
      expect((await after(page, () => page.uncheck("input[name=category][value=database]"))).sort()).toEqual([
        "/apps/notes/",
        "/apps/tasks/",
      ]);
      expect(new URL(page.url()).search).toBe("?delivery=nextcloud");
    });

    it("leaves a suspended app out of search, while its page explains it was taken down", async () => {
      const { page } = await open("/search/?q=gitea");
      const found = await settled(page);
      expect(found).toContain("/apps/gitea/");
      expect(found).not.toContain(`/apps/${SUSPENDED_ID}/`);
      await page.goto(`${server.url}/apps/${SUSPENDED_ID}/`);
      expect(await page.textContent("[role=alert] h2")).toBe(en["app.suspended.title"]);
    });

    it("switches to Chinese and back, keeping the page", async () => {
      const { page } = await open("/apps/harbor/");
      await Promise.all([
        page.waitForURL(`${server.url}/zh-CN/apps/harbor/`, { waitUntil: "domcontentloaded" }),
        page.click(".lang-switch a[hreflang=zh-CN]"),
      ]);
      expect(await page.getAttribute("html", "lang")).toBe("zh-CN");
      expect(await page.textContent("h1")).toBe("Harbor 镜像仓库");
      expect(await page.textContent(".site-nav")).toContain(zhCN["nav.home"]);
      await page.screenshot({ path: join(SHOTS, "app-zh-CN.png") });
      const { page: zhSearch } = await open("/zh-CN/search/?q=镜像仓库");
      expect(await settled(zhSearch)).toContain("/zh-CN/apps/harbor/");
      await Promise.all([
        page.waitForURL(`${server.url}/apps/harbor/`, { waitUntil: "domcontentloaded" }),
        page.click(".lang-switch a[hreflang=en]"),
      ]);
      expect(await page.getAttribute("html", "lang")).toBe("en");
      expect(await page.textContent("h1")).toBe("Harbor");
    });

    it("opens a publisher page from an app page", async () => {
      const { page } = await open("/apps/mysql/");
      await Promise.all([
        page.waitForURL(`${server.url}/publishers/bitnami/`, { waitUntil: "domcontentloaded" }),
        page.click(".app-header .publisher a"),
      ]);
      expect(await page.textContent("h1")).toBe("Bitnami by Broadcom");
      const apps = await page.$$eval(".card h3 a", (links) => links.map((a) => a.getAttribute("href")));
      expect(apps.sort()).toEqual(["/apps/mysql/", "/apps/redis/", "/apps/wordpress/"]);
    });

    it("keeps a hostile description inert: no script runs, no javascript: link, no request", async () => {
      const { page, dialogs, errors } = await open(`/apps/${PROBE_ID}/`);
      await page.waitForLoadState("load");
      await page.click(".prose span >> text=markdown link");
      expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
      expect(
        await page.$$eval("a[href^='javascript:' i], .prose script, .prose svg, .prose img", (els) => els.length),
      ).toBe(0);
      expect(await page.textContent(".prose")).toContain("<script>window.__pwned = 1;");
      expect(dialogs).toEqual([]);
      expect(errors).toEqual([]);
      const { page: found } = await open("/search/?q=probe");
      expect(await settled(found)).toEqual([`/apps/${PROBE_ID}/`]);
      expect(server.requests.filter((r) => r.startsWith(PWNED_PATH))).toEqual([]);
    });

    it("loads screenshots from the publisher only when the gallery is opened", async () => {
      const { page, external } = await open("/apps/notes/");
      await page.waitForLoadState("load");
      expect(external).toEqual([]);
      expect(await page.isVisible(".gallery summary")).toBe(true);
    });

    it("passes accessibility checks on home, an app page and search, in light and dark", async () => {
      const axe = axeSource();
      const dark = await browser.newContext({
        viewport: { width: 1280, height: 900 },
        colorScheme: "dark",
        bypassCSP: axe !== undefined,
      });
      const lightAxe = axe
        ? await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true })
        : light;
      for (const on of [lightAxe, dark]) {
        for (const path of ["/", "/apps/nextcloud/", "/search/?q=nextcloud", "/zh-CN/"]) {
          const { page } = await open(path, on);
          if (path.startsWith("/search/")) await settled(page);
          expect(await checkAccessibility(page), path).toEqual([]);
          if (axe) {
            await page.addScriptTag({ path: axe });
            const violations = await page.evaluate(async () => {
              const result = await (
                window as unknown as { axe: { run(): Promise<{ violations: { id: string; impact: string }[] }> } }
              ).axe.run();
              return result.violations
                .filter((v) => v.impact === "serious" || v.impact === "critical")
                .map((v) => v.id);
            });
            expect(violations, path).toEqual([]);
          }
        }
      }
      await dark.close();
      if (lightAxe !== light) await lightAxe.close();
    });

    it("moves focus to the content with the skip link", async () => {
      const { page } = await open("/apps/harbor/");
      await page.keyboard.press("Tab");
      expect(await page.evaluate(() => document.activeElement?.className)).toBe("skip-link");
      await page.keyboard.press("Enter");
      expect(await page.evaluate(() => document.activeElement?.id)).toBe("main");
    });

    it("fits a phone screen without sideways scrolling", async () => {
      const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
      for (const path of ["/", "/apps/nextcloud/", "/search/?q=nextcloud"]) {
        const { page } = await open(path, phone);
        if (path.startsWith("/search/")) await settled(page);
        const overflow = await page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        expect(overflow, path).toBeLessThanOrEqual(0);
      }
      const { page } = await open("/apps/nextcloud/", phone);
      await page.screenshot({ path: join(SHOTS, "app-phone.png"), fullPage: true });
      await phone.close();
    });

    /**
     * Loads every visible image before a full-page screenshot: lazy images are switched to
     * eager (scrolling alone skips the ones between two viewports), then all are awaited.
     */
    async function loadImages(page: Page): Promise<void> {
      await page.evaluate(() => {
        for (const img of document.images) if (!img.closest("details:not([open])")) img.loading = "eager";
      });
      await page.waitForFunction(() =>
        [...document.images].every((img) => img.complete || img.closest("details:not([open])")),
      );
    }

    it("saves screenshots of home and an app page", async () => {
      const { page: home } = await open("/");
      await loadImages(home);
      await home.screenshot({ path: join(SHOTS, "home.png"), fullPage: true });
      const { page: app } = await open("/apps/nextcloud/");
      await loadImages(app);
      await app.screenshot({ path: join(SHOTS, "app.png"), fullPage: true });
      expect(existsSync(join(SHOTS, "home.png"))).toBe(true);
    });

    it("made no request off 127.0.0.1 and logged no error or CSP violation on any page", () => {
      expect(visits.length).toBeGreaterThan(10);
      expect(visits.flatMap((v) => v.external)).toEqual([]);
      expect(visits.flatMap((v) => v.errors)).toEqual([]);
    });
  });
}
