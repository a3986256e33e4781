/**
 * What resolving one app costs: on a registry of 2,000 made-up apps, the library reads
 * index.json, its signature, one bin and one shard, and nothing else (the counters a
 * benchmark reports). The catalog is read only by search.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assignBin } from "../../src/index/assign-bin.ts";
import { openRegistry } from "../../src/client/open-registry.ts";
import { resolveVersion } from "../../src/client/resolve-version.ts";
import { searchCatalog } from "../../src/client/search-catalog.ts";
import { serveRegistry } from "./registry-server.ts";
import { createWorkspace, type Workspace } from "./published-registry.ts";
import { syntheticApps, writeSyntheticRegistry } from "./synthetic-registry.ts";

let ws: Workspace;
let dir: string;
let files: Map<string, Buffer>;

beforeAll(async () => {
  ws = await createWorkspace();
  dir = await ws.folder("synthetic");
  files = await writeSyntheticRegistry(dir, syntheticApps(2000, 10), { serial: 1, expires: "2099-01-01T00:00:00Z" }, [
    ws.key,
  ]);
});
afterAll(() => ws?.cleanup());

describe("resolving one app in a registry of 2,000 apps", () => {
  it("reads index.json, index.json.sig, one bin and one shard, and counts requests and bytes", async () => {
    const server = await serveRegistry(dir);
    const registry = await openRegistry({
      location: server.url,
      trustedKeys: {
        formatVersion: 1,
        keys: [{ keyId: ws.key.keyId, algorithm: "ed25519", publicKey: ws.key.publicKey }],
      },
    });
    const shard = await registry.shard("app-01234");
    const chosen = resolveVersion(shard, { delivery: "helm", range: "^1.4", platform: { kubernetes: "1.29.0" } });
    expect(chosen.version.version).toBe("1.9.0");
    const bin = `bins/${assignBin("app-01234")}.json`;
    const read = ["index.json", "index.json.sig", bin, "apps/app-01234.json"];
    expect(server.requests).toEqual(read.map((f) => `200 /${f}`));
    expect(registry.stats.requests).toBe(4);
    expect(registry.stats.bytes).toBe(read.reduce((n, f) => n + (files.get(f)?.length ?? 0), 0));
    const everything = [...files.values()].reduce((n, b) => n + b.length, 0);
    expect(registry.stats.bytes / everything).toBeLessThan(0.01);
  });

  it("search (here on the folder itself) reads the catalog once, and no bin or shard", async () => {
    const registry = await openRegistry({
      location: dir,
      trustedKeys: {
        formatVersion: 1,
        keys: [{ keyId: ws.key.keyId, algorithm: "ed25519", publicKey: ws.key.publicKey }],
      },
    });
    const found = searchCatalog((await registry.catalog()).apps, ["number 1999"]);
    expect(found.map((a) => a.id)).toEqual(["app-01999"]);
    expect(registry.stats.log.map((r) => r.url.slice(dir.length + 1))).toEqual([
      "index.json",
      "index.json.sig",
      "catalog.json",
    ]);
  });
});
