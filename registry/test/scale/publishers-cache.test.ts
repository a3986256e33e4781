import { readFileSync, writeFileSync } from "node:fs";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import v8 from "node:v8";
import { describe, expect, it } from "vitest";
import { PUBLISHERS_DIR } from "../../src/publisher/publisher-record.ts";
import { readPublishers } from "../../src/publisher/read-publishers.ts";
import { readPublishersCached } from "../../src/run/publishers-cache.ts";
import { tempDir, tempRegistry } from "../temp-registry.ts";

// The publisher records' check kept in the manifest cache (run/publishers-cache.ts): held to
// readPublishers on the same folder after each kind of change, and shown to be used.

describe("readPublishersCached", () => {
  it("answers what readPublishers answers after each change, from the cache while nothing changed", async () => {
    const { root } = await tempRegistry();
    const cacheFolder = path.join(await tempDir(), "engine");
    const dir = path.join(root, PUBLISHERS_DIR);
    const same = (only?: ReadonlySet<string>) =>
      expect(readPublishersCached(root, only, cacheFolder)).toEqual(readPublishers(root, only));
    same();
    expect(readPublishers(root).records.size).toBeGreaterThan(3);

    // Used while nothing changed: a marker put in the kept result under its key comes back.
    const file = path.join(cacheFolder, "publishers.bin");
    const kept = v8.deserialize(readFileSync(file)) as { key: string; list: { records: Map<string, unknown> } };
    writeFileSync(file, v8.serialize({ ...kept, list: { records: new Map([["marker", {}]]), diagnostics: [] } }));
    expect([...readPublishersCached(root, undefined, cacheFolder).records.keys()]).toEqual(["marker"]);

    const changes: [string, () => Promise<void>][] = [
      [
        "a record edited",
        async () =>
          writeFile(
            path.join(dir, "bitnami.yaml"),
            (await readFile(path.join(dir, "bitnami.yaml"), "utf8")).replace(
              "name: Bitnami by Broadcom",
              "name: Bitnami",
            ),
          ),
      ],
      [
        "a record broken (schema)",
        async () =>
          writeFile(
            path.join(dir, "emqx.yaml"),
            (await readFile(path.join(dir, "emqx.yaml"), "utf8")).replace(/^id: .*$/m, "id: 42"),
          ),
      ],
      ["a record removed", () => rm(path.join(dir, "gitea.yaml"))],
      ["a stray file", () => writeFile(path.join(dir, "README.md"), "not a record\n")],
      ["a stray folder", () => mkdir(path.join(dir, "nested"))],
      ["a record added", () => writeFile(path.join(dir, "zz-new.yaml"), "id: zz-new\n")],
    ];
    for (const [name, change] of changes) {
      const before = readPublishers(root);
      await change();
      expect(readPublishers(root), name).not.toEqual(before);
      same();
      same(new Set(["bitnami", "emqx"]));
    }
    same(new Set(["appshelf"]));
    same(new Set());
  });
});
