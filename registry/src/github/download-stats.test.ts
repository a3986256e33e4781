import { describe, expect, it } from "vitest";
import { makeDownloadStats, parseDownloadStats, parseReleaseAssetUrl, sameDownloads } from "./download-stats.ts";

describe("parseReleaseAssetUrl", () => {
  it("reads owner, repo, tag and asset name of a GitHub Releases download URL", () => {
    expect(
      parseReleaseAssetUrl("https://github.com/nextcloud-releases/notes/releases/download/v6.0.2/notes-v6.0.2.tar.gz"),
    ).toEqual({
      owner: "nextcloud-releases",
      repo: "notes",
      tag: "v6.0.2",
      name: "notes-v6.0.2.tar.gz",
    });
    expect(parseReleaseAssetUrl("https://github.com/o/r/releases/download/app%2Fv1.0/a%20b.tgz")).toEqual({
      owner: "o",
      repo: "r",
      tag: "app/v1.0",
      name: "a b.tgz",
    });
  });

  it("is undefined for any other URL", () => {
    for (const url of [
      "https://charts.bitnami.com/bitnami/redis-23.1.1.tgz",
      "https://github.com/o/r/releases/latest/download",
      "https://github.com/o/r/archive/refs/tags/v1.tar.gz",
      "https://github.com/o/r/releases/download/v1/a.tgz?x=1",
      "http://github.com/o/r/releases/download/v1/a.tgz",
      "https://github.com.evil.example/o/r/releases/download/v1/a.tgz",
    ]) {
      expect(parseReleaseAssetUrl(url), url).toBeUndefined();
    }
  });
});

describe("stats file", () => {
  it("sorts URLs and writes the time in whole seconds", () => {
    const stats = makeDownloadStats({ "https://b": 2, "https://a": 1 }, new Date("2026-11-21T06:00:00.123Z"));
    expect(JSON.stringify(stats)).toBe(
      '{"formatVersion":1,"generated":"2026-11-21T06:00:00Z","downloads":{"https://a":1,"https://b":2}}',
    );
    expect(sameDownloads(stats, makeDownloadStats({ "https://a": 1, "https://b": 2 }, new Date(0)))).toBe(true);
    expect(sameDownloads(stats, makeDownloadStats({ "https://a": 1, "https://b": 3 }, new Date(0)))).toBe(false);
  });

  it("refuses a file that is not as the schema says, naming the field", () => {
    const ok = { formatVersion: 1, generated: "2026-11-21T06:00:00Z", downloads: { "https://a": 3 } };
    expect(parseDownloadStats(ok, "stats.json")).toEqual(ok);
    expect(() => parseDownloadStats({ ...ok, formatVersion: 2 }, "stats.json")).toThrow(
      "stats.json: formatVersion is 2, expected 1 (see schema/stats.schema.json).",
    );
    expect(() => parseDownloadStats({ ...ok, downloads: { "https://a": -1 } }, "stats.json")).toThrow(
      'downloads["https://a"] is -1, expected a whole number >= 0',
    );
    expect(() => parseDownloadStats([], "stats.json")).toThrow("expected a JSON object");
  });
});
