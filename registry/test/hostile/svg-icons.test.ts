import { readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { svgDangers } from "../../src/validate/rules/svg-dangers.ts";
import { launchChromium } from "../browser/chromium.ts";
import { openIcon } from "./fuzz/icon-in-chromium.ts";
import { checkIconInChromium, svgIconArbitrary } from "./fuzz/svg-namespaces.ts";
import { REPO_ROOT } from "./hostile-archives.ts";

/**
 * Issue 13, class 3: SVG icons are checked against an allowlist of SVG elements and
 * attributes in the SVG namespace. Each payload the blocklist let through is first shown
 * to fetch or navigate in Chromium (so the test can fail), then refused; and icons the
 * check accepts, real and generated, make no request and stay put in Chromium.
 */
const XHTML = 'xmlns:html="http://www.w3.org/1999/xhtml"';
const svg = (inner: string) =>
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" width="64" height="64"><rect width="64" height="64" fill="#60b932"/>${inner}</svg>`;

const LEAKED: [string, string, "request" | "navigation"][] = [
  ["html:img src", svg(`<html:img ${XHTML} src="TRACK/img"/>`), "request"],
  ["html:img srcset", svg(`<html:img ${XHTML} srcset="TRACK/srcset 1x"/>`), "request"],
  ["video poster", svg(`<html:video ${XHTML} poster="TRACK/poster"/>`), "request"],
  ["audio src", svg(`<html:audio ${XHTML} src="TRACK/audio" preload="auto"/>`), "request"],
  ["input type=image", svg(`<html:input ${XHTML} type="image" src="TRACK/input"/>`), "request"],
  ["link imagesrcset", svg(`<html:link ${XHTML} rel="preload" as="image" imagesrcset="TRACK/link 1x"/>`), "request"],
  ["iframe", svg(`<html:iframe ${XHTML} src="TRACK/iframe"/>`), "request"],
  ["meta refresh", svg(`<html:meta ${XHTML} http-equiv="refresh" content="0;url=TRACK/away"/>`), "navigation"],
  [
    "video with source and track",
    svg(
      `<html:video ${XHTML} preload="auto"><html:source src="TRACK/source"/><html:track default="" src="TRACK/track"/></html:video>`,
    ),
    "request",
  ],
  [
    "frame in a default XHTML namespace",
    svg(`<g xmlns="http://www.w3.org/1999/xhtml"><frame src="TRACK/frame"/></g>`),
    "request",
  ],
];

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

describe("SVG icons: an allowlist of SVG elements and attributes", () => {
  it.each(LEAKED)(
    "%s: Chromium fetches or navigates from the icon; app/icon refuses it",
    async (_what, icon, effect) => {
      const visit = await openIcon(browser, icon);
      if (effect === "navigation") expect(visit.navigated).toBe(true);
      else expect(visit.requests.length).toBeGreaterThan(0);
      expect(svgDangers(icon.replaceAll("TRACK", "http://127.0.0.1:9")).length).toBeGreaterThan(0);
    },
  );

  it("names what it refuses: the element outside the SVG namespace and the attribute off the list", () => {
    expect(svgDangers(svg(`<html:img ${XHTML} src="https://evil.example/a.png"/>`))).toEqual([
      "a <html:img> element outside the SVG namespace (http://www.w3.org/1999/xhtml)",
      "a src attribute, which is not an SVG drawing attribute",
    ]);
    expect(svgDangers(svg('<a href="#x"><text>x</text></a>'))).toEqual([
      "a <a> element, which is not an SVG drawing element",
    ]);
    expect(svgDangers('<svg xmlns="http://www.w3.org/1999/xhtml"/>')).toContain(
      "a root element other than <svg> in the SVG namespace",
    );
    expect(
      svgDangers(svg('<rect inkscape:label="x" xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape"/>')),
    ).toEqual(["a inkscape:label attribute, which is not an SVG drawing attribute"]);
  });

  it("every real icon is accepted, and in Chromium requests nothing and stays on its URL", async () => {
    for (const app of ["emqx", "gitea", "harbor", "mysql", "nextcloud", "notes", "redis", "tasks", "wordpress"]) {
      const icon = readFileSync(path.join(REPO_ROOT, "apps", app, "icon.svg"), "utf8");
      expect(svgDangers(icon), app).toEqual([]);
      expect(await openIcon(browser, icon), app).toEqual({ requests: [], navigated: false });
    }
  });

  it("differential, 60 generated icons mixing namespaces (seed 13): whatever app/icon accepts makes no request and cannot navigate in Chromium", async () => {
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(svgIconArbitrary(), async (icon) => {
        if (await checkIconInChromium(browser, icon)) accepted++;
      }),
      { seed: 13, numRuns: 60 },
    );
    expect(accepted).toBeGreaterThan(3);
  });
});
