import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { LOCAL_SITE_URL, resolveSiteUrl } from "../src/lib/site-url.ts";
import { REPO_ROOT } from "./build-fixture.ts";

describe("the site URL of a build", () => {
  it("defaults to localhost for a local build, and says so", () => {
    expect(resolveSiteUrl({})).toEqual({ url: LOCAL_SITE_URL, local: true });
    expect(resolveSiteUrl({ APPSHELF_SITE_URL: "https://apps.example.org/shelf/" })).toEqual({
      url: "https://apps.example.org/shelf/",
      local: false,
    });
  });

  it("refuses a publishing build without a site URL, or with one that is not https", () => {
    expect(() => resolveSiteUrl({ APPSHELF_PUBLISH: "1" })).toThrow(
      "APPSHELF_PUBLISH is set but APPSHELF_SITE_URL is not",
    );
    expect(() => resolveSiteUrl({ APPSHELF_PUBLISH: "1", APPSHELF_SITE_URL: "http://apps.example.org/" })).toThrow(
      "must be https",
    );
    expect(() => resolveSiteUrl({ APPSHELF_SITE_URL: "apps.example.org" })).toThrow("is not an absolute URL");
  });

  it("astro build stops before writing anything when publishing without a site URL", async () => {
    const build = promisify(execFile)(
      process.execPath,
      [join(REPO_ROOT, "node_modules/astro/bin/astro.mjs"), "build", "--root", "."],
      {
        cwd: join(REPO_ROOT, "site"),
        env: {
          ...process.env,
          APPSHELF_PUBLISH: "1",
          APPSHELF_SITE_URL: "",
          APPSHELF_SITE_OUT: join(REPO_ROOT, "test-results", "never-written"),
          ASTRO_TELEMETRY_DISABLED: "1",
        },
      },
    );
    await expect(build).rejects.toMatchObject({ stderr: expect.stringContaining("APPSHELF_SITE_URL is not") });
  }, 120_000);
});
