import { describe, expect, it } from "vitest";
import type { VersionManifest } from "../manifest/types.ts";
import { selectLatest, sortVersions } from "./select-latest.ts";

const v = (
  version: string,
  delivery: VersionManifest["delivery"],
  status: VersionManifest["status"] = "released",
): VersionManifest => ({
  version,
  delivery,
  status,
  released: "2025-01-01",
  artifact: { url: "https://example.org/a.tgz", sha256: "a".repeat(64), size: 1 },
});

describe("selectLatest", () => {
  it("picks the highest stable version per delivery type by semver, not by string order", () => {
    const latest = selectLatest([
      v("1.9.0", "helm"),
      v("1.10.0", "helm"),
      v("2.0.0-rc.1", "helm"),
      v("0.5.0", "compose"),
    ]);
    expect(latest.helm?.version).toBe("1.10.0");
    expect(latest.compose?.version).toBe("0.5.0");
  });

  it("falls back to the highest pre-release when there is no stable release", () => {
    expect(selectLatest([v("1.0.0-alpha.2", "nextcloud"), v("1.0.0-alpha.10", "nextcloud")]).nextcloud?.version).toBe(
      "1.0.0-alpha.10",
    );
  });

  it("never picks a suspended version, and omits a delivery type whose versions are all suspended", () => {
    const latest = selectLatest([v("2.0.0", "helm", "suspended"), v("1.0.0", "helm"), v("1.0.0", "vm", "suspended")]);
    expect(latest.helm?.version).toBe("1.0.0");
    expect(latest.vm).toBeUndefined();
  });
});

describe("sortVersions", () => {
  it("groups by delivery type in catalog order, newest first", () => {
    const sorted = sortVersions([
      v("1.0.0", "compose"),
      v("1.2.0", "helm"),
      v("1.10.0", "helm"),
      v("2.0.0", "compose"),
    ]);
    expect(sorted.map((x) => `${x.delivery}@${x.version}`)).toEqual([
      "helm@1.10.0",
      "helm@1.2.0",
      "compose@2.0.0",
      "compose@1.0.0",
    ]);
  });
});
