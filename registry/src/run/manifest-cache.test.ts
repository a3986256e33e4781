import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import v8 from "node:v8";
import { afterEach, describe, expect, it } from "vitest";
import type { AppResult } from "./app-result-types.ts";
import { cacheBucketOf, openManifestCache } from "./manifest-cache.ts";
import { outputStoreOf } from "./output-store.ts";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const KEY = "engine";
const folderOf = (dir: string) => path.join(dir, KEY);
const appsPack = (dir: string, bucket: number) => path.join(folderOf(dir), `apps-${bucket}.bin`);

/** A whole-app result naming `stored` files of the output store. */
function result(versions: number, stored: string[] = []): AppResult {
  return {
    layout: [],
    diagnostics: [],
    versions,
    publishers: { ids: [], key: "p" },
    categories: { named: [], token: "known" },
    versionFacts: [],
    index: {
      artifactKey: "a",
      files: null,
      stored: stored.map((sha256) => ({ path: `apps/x.json`, sha256, size: 1, ino: "1", mtimeNs: "1" })),
    },
  };
}

/** Two app ids of one cache bucket. */
function twoOfOneBucket(): [string, string, number] {
  const first = "app-a";
  const bucket = cacheBucketOf(first);
  for (let i = 0; ; i++) if (cacheBucketOf(`app-${i}`) === bucket) return [first, `app-${i}`, bucket];
}

describe("manifest cache packs: each entry read when asked for", () => {
  it("gives back what was set, rewrites a pack only when it changed, and keeps what is used", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "appshelf-packs-"));
    dirs.push(dir);
    const [a, b, bucket] = twoOfOneBucket();
    const first = openManifestCache(dir, KEY);
    first.setAppResult(a, "ka", result(3));
    first.setAppResult(b, "kb", result(5));
    first.save([bucket]);
    const written = statSync(appsPack(dir, bucket));

    // Every entry used, none set: the pack is not written again.
    const second = openManifestCache(dir, KEY);
    expect(second.getAppResult(a, "ka")).toEqual(result(3));
    expect(second.getAppResult(b, "kb")).toEqual(result(5));
    expect(second.getAppResult(a, "other")).toBeUndefined();
    second.save([bucket]);
    const after = statSync(appsPack(dir, bucket));
    expect([after.ino, after.mtimeMs]).toEqual([written.ino, written.mtimeMs]);

    // One entry used: the pack keeps it (as the bytes it was read as) and drops the other.
    const before = readFileSync(appsPack(dir, bucket));
    const third = openManifestCache(dir, KEY);
    expect(third.getAppResult(b, "kb")?.versions).toBe(5);
    third.save([bucket]);
    const kept = v8.deserialize(readFileSync(appsPack(dir, bucket))) as Map<string, Uint8Array>;
    expect([...kept.keys()]).toEqual(["kb"]);
    const old = v8.deserialize(before) as Map<string, Uint8Array>;
    expect(Buffer.from(kept.get("kb") ?? [])).toEqual(Buffer.from(old.get("kb") ?? []));
    expect(openManifestCache(dir, KEY).getAppResult(a, "ka")).toBeUndefined();
  });

  it("takes an entry that cannot be read, or a pack of another format, as a miss", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "appshelf-packs-"));
    dirs.push(dir);
    const [a, b, bucket] = twoOfOneBucket();
    mkdirSync(folderOf(dir), { recursive: true });
    writeFileSync(
      appsPack(dir, bucket),
      v8.serialize(
        new Map([
          ["ka", v8.serialize(result(3))],
          ["kb", Buffer.from("not an entry")],
        ]),
      ),
    );
    const cache = openManifestCache(dir, KEY);
    expect(cache.getAppResult(a, "ka")?.versions).toBe(3);
    expect(cache.getAppResult(b, "kb")).toBeUndefined();
    cache.save([bucket]);
    // The unreadable entry is not written back.
    expect([...(v8.deserialize(readFileSync(appsPack(dir, bucket))) as Map<string, unknown>).keys()]).toEqual(["ka"]);

    // A pack of whole objects (the format before) is empty, not misread.
    writeFileSync(appsPack(dir, bucket), v8.serialize(new Map([["ka", result(3)]])));
    expect(openManifestCache(dir, KEY).getAppResult(a, "ka")).toBeUndefined();
  });

  it("prunes the bucket's output store when its pack is rewritten, not when it is unchanged", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "appshelf-packs-"));
    dirs.push(dir);
    const [a, , bucket] = twoOfOneBucket();
    const store = outputStoreOf(folderOf(dir), bucket).dir;
    mkdirSync(store, { recursive: true });
    for (const name of ["named", "stray"]) writeFileSync(path.join(store, name), name);
    const first = openManifestCache(dir, KEY);
    first.setAppResult(a, "ka", result(1, ["named"]));
    first.save([bucket]);
    expect([existsSync(path.join(store, "named")), existsSync(path.join(store, "stray"))]).toEqual([true, false]);

    // Unchanged: a store file added since is left (the pack names what it named when pruned).
    writeFileSync(path.join(store, "later"), "later");
    const second = openManifestCache(dir, KEY);
    expect(second.getAppResult(a, "ka")).toBeDefined();
    second.save([bucket]);
    expect(existsSync(path.join(store, "later"))).toBe(true);

    // Changed: pruned to what the results name.
    const third = openManifestCache(dir, KEY);
    third.setAppResult(a, "ka2", result(1, ["later"]));
    third.save([bucket]);
    expect([existsSync(path.join(store, "named")), existsSync(path.join(store, "later"))]).toEqual([false, true]);
  });
});
