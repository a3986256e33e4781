/**
 * readWholeRegistry: what a static mirror or the catalog site reads of a registry. On the
 * real sample apps built and signed here, it returns every file the folder publishes, byte
 * for byte, and refuses a shard changed after the build.
 */
import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openRegistry } from "../../src/client/open-registry.ts";
import { readWholeRegistry } from "../../src/client/read-whole-registry.ts";
import { createWorkspace, publish, variant, type Workspace } from "./published-registry.ts";

let ws: Workspace;
let built: string;
const trusted = () => ({
  formatVersion: 1 as const,
  keys: [{ keyId: ws.key.keyId, algorithm: "ed25519" as const, publicKey: ws.key.publicKey }],
});

beforeAll(async () => {
  ws = await createWorkspace();
  built = await publish(await ws.folder("built"), [ws.key]);
}, 300_000);
afterAll(() => ws?.cleanup());

describe("reading a whole registry", () => {
  it("returns every published file as built, each app's shard, and nothing the index does not pin", async () => {
    const whole = await readWholeRegistry(await openRegistry({ location: built, trustedKeys: trusted() }));
    const onDisk = (await readdir(built, { recursive: true, withFileTypes: true }))
      .filter((e) => e.isFile())
      .map((e) => path.relative(built, path.join(e.parentPath, e.name)));
    for (const [file, bytes] of whole.files)
      expect(bytes.equals(await readFile(path.join(built, file))), file).toBe(true);
    expect([...whole.files.keys()].sort()).toEqual(onDisk.filter((f) => whole.files.has(f)).sort());
    expect(whole.files.has("index.json.sig")).toBe(true);
    expect([...whole.shards.keys()]).toEqual(whole.catalog.apps.map((a) => a.id));
    for (const [id, shard] of whole.shards) expect(shard.id).toBe(id);
    expect([...whole.shardRefs.keys()]).toEqual([...whole.shards.keys()]);
  });

  it("refuses a shard changed after the build", async () => {
    const changed = await variant(built, await ws.folder("changed"), async (dir) => {
      const file = path.join(dir, "apps", "harbor.json");
      await writeFile(file, (await readFile(file, "utf8")).replace('"harbor"', '"harbor" '));
    });
    await expect(readWholeRegistry(await openRegistry({ location: changed, trustedKeys: trusted() }))).rejects.toThrow(
      /apps\/harbor\.json (size|SHA-256|sha256|digest)/i,
    );
  });
});
