import { describe, expect, it } from "vitest";
import type { AppShard, ShardVersion } from "../index/index-types.ts";
import { parseAppSpec, parsePlatforms } from "./parse-spec.ts";
import { resolveVersion } from "./resolve-version.ts";

const v = (version: string, more: Partial<ShardVersion> = {}): ShardVersion => ({
  version,
  delivery: "helm",
  artifact: { url: `https://example.org/a-${version}.tgz`, sha256: "a".repeat(64), size: 1 },
  status: "released",
  released: "2026-01-01",
  ...more,
});
const shard = (versions: ShardVersion[], status: AppShard["status"] = "active"): AppShard => ({
  formatVersion: 1,
  id: "demo",
  name: { en: "Demo" },
  summary: { en: "Demo" },
  description: { en: "Demo" },
  categories: [],
  keywords: [],
  license: "MIT",
  publisher: { id: "p", name: "P", url: "https://example.org", verified: false },
  maintainers: [],
  links: {},
  screenshots: [],
  status,
  versions,
});

describe("resolveVersion", () => {
  it("picks the newest released version in range by semver, skipping incompatible ones and saying why", () => {
    const app = shard([
      v("1.9.0"),
      v("1.10.0", { compatibility: { kubernetes: ">=1.30.0-0" } }),
      v("2.0.0"),
      v("1.10.0-rc.1"),
    ]);
    const got = resolveVersion(app, { delivery: "helm", range: "^1", platform: { kubernetes: "1.29.0" } });
    expect(got.version.version).toBe("1.9.0");
    expect(got.skipped).toEqual([{ version: "1.10.0", reason: "needs kubernetes >=1.30.0-0 (you have 1.29.0)" }]);
    expect(resolveVersion(app, { delivery: "helm" }).version.version).toBe("2.0.0");
  });

  it("uses a pre-release only when named by the range, or when there is no stable version", () => {
    expect(resolveVersion(shard([v("1.0.0"), v("1.1.0-rc.1")]), { delivery: "helm" }).version.version).toBe("1.0.0");
    expect(resolveVersion(shard([v("1.1.0-rc.1")]), { delivery: "helm" }).version.version).toBe("1.1.0-rc.1");
    expect(
      resolveVersion(shard([v("1.0.0"), v("1.1.0-rc.1")]), { delivery: "helm", range: "1.1.0-rc.1" }).version.version,
    ).toBe("1.1.0-rc.1");
  });

  it("passes over a suspended version for an older released one, and refuses when only suspended ones match", () => {
    const app = shard([v("2.0.0", { status: "suspended" }), v("1.0.0")]);
    expect(resolveVersion(app, { delivery: "helm" })).toEqual({
      version: app.versions[1],
      skipped: [{ version: "2.0.0", reason: "is suspended" }],
    });
    expect(() => resolveVersion(app, { delivery: "helm", range: "2" })).toThrow(
      expect.objectContaining({ reason: "suspended" }),
    );
    expect(resolveVersion(app, { delivery: "helm", range: "2", allowSuspended: true }).version.version).toBe("2.0.0");
    expect(() => resolveVersion(shard([v("1.0.0")], "suspended"), { delivery: "helm" })).toThrow(
      "demo is suspended: the registry withdrew the app",
    );
  });

  it("a refusal gives the admins' recorded reason, date and pull request, for the app and for a version", () => {
    const takenDown = {
      ...shard([v("1.0.0")], "suspended"),
      suspension: { reason: "ships a cryptominer", date: "2026-05-04", pullRequest: 4 },
    };
    expect(() => resolveVersion(takenDown, { delivery: "helm" })).toThrow(
      "demo is suspended: the registry withdrew the app on 2026-05-04 (pull request #4): ships a cryptominer",
    );
    const version = shard([
      v("2.0.0", { status: "suspended", suspension: { reason: "data-loss bug", date: "2026-05-03", pullRequest: 3 } }),
    ]);
    expect(() => resolveVersion(version, { delivery: "helm" })).toThrow(
      "demo 2.0.0 (helm) is suspended: the registry withdrew it on 2026-05-03 (pull request #3): data-loss bug, and no released version matches",
    );
  });

  it("says what exists when nothing matches", () => {
    const app = shard([v("1.0.0")]);
    expect(() => resolveVersion(app, { delivery: "vm" })).toThrow("demo has no vm versions; it has helm");
    expect(() => resolveVersion(app, { delivery: "helm", range: ">=2" })).toThrow(
      "no helm version of demo satisfies >=2; there are 1.0.0",
    );
  });
});

describe("parseAppSpec and parsePlatforms", () => {
  it("splits app@range and checks both", () => {
    expect(parseAppSpec("harbor")).toEqual({ id: "harbor" });
    expect(parseAppSpec("harbor@^1.19")).toEqual({ id: "harbor", range: "^1.19" });
    expect(() => parseAppSpec("harbor@banana")).toThrow(/not a version or node-semver range/);
    expect(() => parseAppSpec("Harbor")).toThrow(/not an app id/);
  });

  it("reads --platform name=version, coercing short versions", () => {
    expect(parsePlatforms(["kubernetes=1.29", "nextcloud=30"])).toEqual({ kubernetes: "1.29.0", nextcloud: "30.0.0" });
    expect(() => parsePlatforms(["k8s=1.29"])).toThrow(/unknown platform 'k8s'/);
    expect(() => parsePlatforms(["kubernetes=latest"])).toThrow(/is not a version/);
  });
});

describe("--delivery default", () => {
  it("is the app's only delivery type", () => {
    expect(resolveVersion(shard([v("1.0.0", { delivery: "nextcloud" })]), {}).version.delivery).toBe("nextcloud");
  });

  it("is required (usage error, exit 2) when the app has several delivery types, naming them", () => {
    const app = shard([v("1.0.0"), v("2.0.0", { delivery: "compose" })]);
    expect(() => resolveVersion(app, {})).toThrow(
      expect.objectContaining({
        reason: "usage",
        message: "demo has versions of 2 delivery types (helm, compose): say which with --delivery",
      }),
    );
    expect(resolveVersion(app, { delivery: "compose" }).version.version).toBe("2.0.0");
  });

  it("an app without versions has nothing to match", () => {
    expect(() => resolveVersion(shard([]), {})).toThrow(expect.objectContaining({ reason: "no-match" }));
  });
});
