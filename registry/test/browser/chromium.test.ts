import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { findChromium, launchChromium, SYSTEM_CHROMIUM } from "./chromium.ts";

describe("findChromium", () => {
  it("refuses an APPSHELF_CHROMIUM that does not exist, saying what to install", async () => {
    await expect(findChromium({ APPSHELF_CHROMIUM: "/nonexistent/chromium" })).rejects.toThrow(
      /APPSHELF_CHROMIUM is set to \/nonexistent\/chromium.*npm ci.*chromium/s,
    );
  });

  it("takes APPSHELF_CHROMIUM first when it exists", async () => {
    const found = await findChromium({ APPSHELF_CHROMIUM: process.execPath });
    expect(found).toEqual({ executablePath: process.execPath, source: "APPSHELF_CHROMIUM" });
  });

  it("falls back to the system Chromium, else the one shipped in @sparticuz/chromium", async () => {
    const found = await findChromium({});
    expect(found.source).toBe(existsSync(SYSTEM_CHROMIUM) ? "system" : "@sparticuz/chromium");
    expect(existsSync(found.executablePath)).toBe(true);
  });

  it("starts the Chromium it found and renders a page", async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      await page.setContent("<h1>Appshelf</h1>");
      expect(await page.textContent("h1")).toBe("Appshelf");
    } finally {
      await browser.close();
    }
  });
});
