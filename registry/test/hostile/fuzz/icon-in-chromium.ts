/**
 * Opens an SVG icon in Chromium as the catalog would serve it (its own URL on the site's
 * origin, `image/svg+xml`) and reports what it did (test-only): every request other than
 * the icon itself, and whether the page left the icon's URL. `TRACK` in the icon is
 * replaced by the local server's origin, so any fetch is seen.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { Browser } from "playwright-core";

/** What opening an icon did: requests besides the icon (paths on the local server, or other URLs) and whether the page navigated away. */
export interface IconVisit {
  requests: string[];
  navigated: boolean;
}

/** Serves `icon` on 127.0.0.1, opens it in a fresh page, waits for load and 400 ms (a meta refresh of 0 s fires in that time). */
export async function openIcon(browser: Browser, icon: string): Promise<IconVisit> {
  const seen: string[] = [];
  const server = createServer((request, response) => {
    seen.push(request.url ?? "");
    if (request.url === "/icon.svg") {
      response.writeHead(200, { "content-type": "image/svg+xml" });
      response.end(icon.replaceAll("TRACK", `http://127.0.0.1:${(server.address() as AddressInfo).port}`));
    } else {
      response.writeHead(404);
      response.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const page = await browser.newPage();
  const outside: string[] = [];
  page.on("request", (request) => {
    if (!request.url().startsWith(origin)) outside.push(request.url());
  });
  try {
    await page.goto(`${origin}/icon.svg`, { waitUntil: "load" }).catch(() => undefined);
    await page.waitForTimeout(400);
    const navigated = page.url() !== `${origin}/icon.svg`;
    return {
      requests: [...seen.filter((url) => url !== "/icon.svg" && url !== "/favicon.ico"), ...outside],
      navigated,
    };
  } finally {
    await page.close();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
