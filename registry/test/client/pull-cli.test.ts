/**
 * `appshelf pull` against a built registry served on 127.0.0.1 (see registry-server.ts):
 * the happy paths on the real Harbor chart and Notes archive, and every refusal of the
 * issue, each with its message, exit code, and nothing written to the output folder.
 */
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sha256Hex } from "../../src/artifact/digest.ts";
import type { BinFile, RegistryIndex } from "../../src/index/index-types.ts";
import { assignBin } from "../../src/index/assign-bin.ts";
import { tempRegistry } from "../temp-registry.ts";
import { createWorkspace, publish, reissueIndex, variant, type Workspace } from "./published-registry.ts";
import { serveRegistry, UPSTREAM, type RegistryServer } from "./registry-server.ts";
import { runAppshelf } from "../run-appshelf.ts";

const HARBOR_SHA = "593f47e1ff6cdb58bd571708535ccef436f44ccf842c5f7925cd7b03e827edc1";

let ws: Workspace;
let base: string;

beforeAll(async () => {
  ws = await createWorkspace();
  base = await publish(await ws.folder("base"), [ws.key]);
});
afterAll(() => ws?.cleanup());

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** A client with its own trust state, cache and output folder. */
async function aClient(server: RegistryServer) {
  const home = await ws.folder("client");
  const out = path.join(home, "out");
  const state = path.join(home, "trust.json");
  const run = async (args: string[], extra: string[] = []): Promise<Run> => {
    const all = [
      ...args,
      "--registry",
      server.url,
      "--trusted-keys",
      ws.keysFile,
      "--state",
      state,
      "--cache",
      path.join(home, "cache"),
      "--url-map",
      server.urlMap,
      ...extra,
    ];
    const { code, stdout, stderr } = await runAppshelf(all);
    return { code, stdout: normalise(stdout, server, state), stderr: normalise(stderr, server, state) };
  };
  return {
    out,
    state,
    run,
    pull: (spec: string, delivery: string, extra: string[] = []) =>
      run(["pull", spec, "--delivery", delivery, "--out", out], extra),
  };
}

function normalise(text: string, server: RegistryServer, state: string): string {
  return text
    .replaceAll(server.url, "<registry>/")
    .replaceAll(ws.key.keyId, "<trusted-key>")
    .replaceAll(ws.strangerKey.keyId, "<stranger-key>")
    .replaceAll(state, "<state>")
    .replaceAll(ws.keysFile, "<trusted-keys>");
}

/** The output folder holds nothing: it does not exist, or is empty. */
async function nothingIn(dir: string): Promise<string[]> {
  return existsSync(dir) ? readdir(dir) : [];
}

async function binOf(dir: string, id: string): Promise<BinFile> {
  const index = JSON.parse(await readFile(path.join(dir, "index.json"), "utf8")) as RegistryIndex;
  return JSON.parse(await readFile(path.join(dir, index.bins.files[assignBin(id)]?.path ?? ""), "utf8")) as BinFile;
}

describe("appshelf pull: happy paths", () => {
  it("pulls the Harbor chart for kubernetes=1.29, reading only index.json (+ signature), one bin, one shard and the artifact", async () => {
    const server = await serveRegistry(base);
    const client = await aClient(server);
    const { code, stdout } = await client.pull("harbor", "helm", ["--platform", "kubernetes=1.29"]);
    expect(code).toBe(0);
    const bytes = await readFile(path.join(client.out, "harbor-1.19.1.tgz"));
    expect(sha256Hex(bytes)).toBe(HARBOR_SHA);
    expect(await readdir(client.out)).toEqual(["harbor-1.19.1.tgz"]);
    const bin = `bins/${assignBin("harbor")}.json`;
    expect(server.requests).toEqual([
      "200 /index.json",
      "200 /index.json.sig",
      `200 /${bin}`,
      "200 /apps/harbor.json",
      "200 /upstream/helm.goharbor.io/harbor-1.19.1.tgz",
    ]);
    const lines = stdout.split("\n");
    expect(lines[0]).toBe(
      "index.json  <registry>/: serial 7, expires 2099-01-01T00:00:00Z, signature by trusted key <trusted-key> verified",
    );
    expect(lines[1]).toMatch(new RegExp(`^${bin}  sha256 [0-9a-f]{64} ok, \\d+ bytes ok \\(pinned by index.json\\)$`));
    expect(lines[2]).toMatch(
      new RegExp(`^apps/harbor.json  sha256 [0-9a-f]{64} ok, \\d+ bytes ok \\(pinned by ${bin}\\)$`),
    );
    expect(lines.slice(3).join("\n")).toBe(
      [
        "harbor 1.19.1 (helm, app 2.15.1), released 2026-05-27",
        `artifact  https://helm.goharbor.io/harbor-1.19.1.tgz (read from <registry>/upstream/helm.goharbor.io/harbor-1.19.1.tgz): sha256 ${HARBOR_SHA} ok, 54222 bytes ok (pinned by the shard)`,
        `Wrote ${path.join(client.out, "harbor-1.19.1.tgz")}`,
        "",
      ].join("\n"),
    );
  });

  it("pulls the Nextcloud Notes archive for nextcloud=33, and refuses nextcloud=30 saying what the version needs", async () => {
    const server = await serveRegistry(base);
    const client = await aClient(server);
    const tooOld = await client.pull("notes", "nextcloud", ["--platform", "nextcloud=30"]);
    expect(tooOld.code).toBe(3);
    expect(tooOld.stderr).toBe(
      "appshelf: no-match: no nextcloud version of notes is compatible: 6.0.2 needs nextcloud >=33 <=35 (you have 30.0.0)\n",
    );
    expect(await nothingIn(client.out)).toEqual([]);
    const ok = await client.pull("notes@^6", "nextcloud", ["--platform", "nextcloud=33"]);
    expect(ok.code).toBe(0);
    const bytes = await readFile(path.join(client.out, "notes-v6.0.2.tar.gz"));
    expect(bytes.equals(await readFile(UPSTREAM["notes-v6.0.2.tar.gz"] ?? ""))).toBe(true);
    expect(ok.stdout).toContain("notes 6.0.2 (nextcloud), released 2026-08-17");
  });

  it("an unchanged index costs one request answered 304; bin and shard come from the cache; the file is replaced only with --force", async () => {
    const server = await serveRegistry(base);
    const client = await aClient(server);
    expect((await client.pull("harbor", "helm")).code).toBe(0);
    server.requests.length = 0;
    const refused = await client.pull("harbor", "helm");
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("harbor-1.19.1.tgz already exists; nothing was downloaded");
    server.requests.length = 0;
    const again = await client.pull("harbor", "helm", ["--force"]);
    expect(again.code).toBe(0);
    expect(server.requests).toEqual(["304 /index.json", "200 /upstream/helm.goharbor.io/harbor-1.19.1.tgz"]);
    expect(again.stdout).toContain("unchanged since last read (HTTP 304)");
    expect(again.stdout).toContain("(pinned by index.json) [from cache]");
  });

  it("--format json reports what was verified and the requests and bytes used", async () => {
    const server = await serveRegistry(base);
    const client = await aClient(server);
    const { code, stdout } = await client.pull("harbor@1.19.1", "helm", ["--format", "json"]);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as {
      registry: { serial: number; signedBy: string };
      version: { version: string };
      artifact: { sha256: string; size: number };
      stats: { requests: number; bytes: number };
    };
    expect(report.registry).toMatchObject({ serial: 7, signedBy: "<trusted-key>" });
    expect(report.version.version).toBe("1.19.1");
    expect(report.artifact).toMatchObject({ sha256: HARBOR_SHA, size: 54222 });
    expect(report.stats.requests).toBe(5);
    expect(report.stats.bytes).toBeGreaterThan(54222);
  });
});

describe("appshelf pull: refusals (clear error, nothing written)", () => {
  it("tampered artifact: the host serves other bytes for the chart", async () => {
    const server = await serveRegistry(base);
    const evil = Buffer.from(await readFile(UPSTREAM["harbor-1.19.1.tgz"] ?? ""));
    evil[20_000] = (evil[20_000] ?? 0) ^ 0xff;
    server.replace.set("harbor-1.19.1.tgz", evil);
    const client = await aClient(server);
    await mkdir(client.out, { recursive: true });
    await writeFile(path.join(client.out, "keep.txt"), "mine");
    const { code, stderr } = await client.pull("harbor", "helm");
    expect(code).toBe(1);
    expect(stderr).toBe(
      `appshelf: digest-mismatch: artifact sha256 mismatch: expected ${HARBOR_SHA} (pinned by the app's shard) got ${sha256Hex(evil)}; the host served a different file than the registry published\n` +
        "  hint: if the registry is being re-published, retry in a minute; otherwise the host or something between is altering files\n",
    );
    expect(await readdir(client.out)).toEqual(["keep.txt"]);
  });

  it("tampered shard: apps/harbor.json no longer matches the digest its bin pins", async () => {
    const dir = await variant(base, await ws.folder("tampered-shard"), async (d) => {
      const file = path.join(d, "apps/harbor.json");
      await writeFile(file, (await readFile(file, "utf8")).replace(HARBOR_SHA, "0".repeat(64)));
    });
    const server = await serveRegistry(dir);
    const client = await aClient(server);
    const { code, stderr } = await client.pull("harbor", "helm");
    expect(code).toBe(1);
    const pinned = (await binOf(dir, "harbor")).shards.harbor?.sha256;
    const actual = sha256Hex(await readFile(path.join(dir, "apps/harbor.json")));
    expect(stderr.split("\n")[0]).toBe(
      `appshelf: digest-mismatch: apps/harbor.json sha256 mismatch: expected ${pinned} (pinned by bins/${assignBin("harbor")}.json) got ${actual}; the host served a different file than the registry published`,
    );
    expect(await nothingIn(client.out)).toEqual([]);
  });

  it("index signed by an unknown key", async () => {
    const dir = await variant(base, await ws.folder("stranger"), (d) =>
      reissueIndex(d, () => undefined, [ws.strangerKey]),
    );
    const client = await aClient(await serveRegistry(dir));
    const { code, stderr } = await client.pull("harbor", "helm");
    expect(code).toBe(1);
    expect(stderr).toMatchInlineSnapshot(`
      "appshelf: unknown-key: index.json from <registry>/ is signed by <stranger-key>, a key you do not trust
        hint: trusted keys are listed in <trusted-keys>; if the registry rotated its key, get the new key list from a source you trust
      "
    `);
    expect(await nothingIn(client.out)).toEqual([]);
  });

  it("index changed after signing: the trusted key's signature does not verify", async () => {
    const dir = await variant(base, await ws.folder("altered"), async (d) => {
      const sig = await readFile(path.join(d, "index.json.sig"));
      await reissueIndex(d, (index) => void (index.expires = "2099-12-31T00:00:00Z"), []);
      await writeFile(path.join(d, "index.json.sig"), sig);
    });
    const client = await aClient(await serveRegistry(dir));
    const { code, stderr } = await client.pull("harbor", "helm");
    expect(code).toBe(1);
    expect(stderr).toMatchInlineSnapshot(`
      "appshelf: bad-signature: the signature of index.json from <registry>/ by trusted key <trusted-key> does not verify: index.json was changed after it was signed
        hint: the host served altered data; do not use it
      "
    `);
    expect(await nothingIn(client.out)).toEqual([]);
  });

  it("rollback: an older signed index replayed after a newer one was seen", async () => {
    const newer = await variant(base, await ws.folder("serial-8"), (d) =>
      reissueIndex(d, (index) => void (index.serial = 8), [ws.key]),
    );
    const server = await serveRegistry(newer);
    const client = await aClient(server);
    expect((await client.run(["show", "harbor"])).code).toBe(0);
    server.root = base;
    const { code, stderr } = await client.pull("harbor", "helm");
    expect(code).toBe(1);
    expect(stderr).toMatchInlineSnapshot(`
      "appshelf: rollback: index.json from <registry>/ has serial 7, but serial 8 was already seen from this registry: the host is replaying an older index (rollback)
        hint: only if the registry really started its serials over, remove its entry from <state>
      "
    `);
    expect(await nothingIn(client.out)).toEqual([]);
    expect(JSON.parse(await readFile(client.state, "utf8"))).toMatchObject({
      registries: { [server.url]: { serial: 8 } },
    });
  });

  it("expired index", async () => {
    const dir = await variant(base, await ws.folder("expired"), (d) =>
      reissueIndex(d, (index) => void (index.expires = "2020-01-01T00:00:00Z"), [ws.key]),
    );
    const client = await aClient(await serveRegistry(dir));
    const { code, stderr } = await client.pull("harbor", "helm");
    expect(code).toBe(1);
    expect(stderr).toMatchInlineSnapshot(`
      "appshelf: expired: index.json from <registry>/ (serial 7) expired at 2020-01-01T00:00:00Z: the host may be serving a stale, frozen index
        hint: the registry re-signs its index before it expires; try again later, or pass --allow-expired to use it anyway
      "
    `);
    expect(await nothingIn(client.out)).toEqual([]);
    const allowed = await client.pull("harbor", "helm", ["--allow-expired"]);
    expect(allowed.code).toBe(0);
    expect(allowed.stderr).toContain(
      "warning: index.json from <registry>/ expired at 2020-01-01T00:00:00Z: used because of --allow-expired",
    );
  });

  it("unsigned index (no index.json.sig), accepted only with --allow-unsigned", async () => {
    const dir = await variant(base, await ws.folder("unsigned"), (d) => reissueIndex(d, () => undefined, []));
    const client = await aClient(await serveRegistry(dir));
    const { code, stderr } = await client.pull("harbor", "helm");
    expect(code).toBe(1);
    expect(stderr).toMatchInlineSnapshot(`
      "appshelf: unsigned: index.json from <registry>/ is unsigned (no index.json.sig): its content cannot be authenticated
        hint: a published registry is always signed; for a local build you made yourself, pass --allow-unsigned
      "
    `);
    expect(await nothingIn(client.out)).toEqual([]);
    const allowed = await client.pull("harbor", "helm", ["--allow-unsigned"]);
    expect(allowed.code).toBe(0);
    expect(allowed.stdout).toContain("UNSIGNED (accepted with --allow-unsigned)");
    expect(existsSync(client.state), "an unsigned index leaves no serial to trust").toBe(false);
  });

  it("suspended version, pulled only with --allow-suspended", async () => {
    const r = await tempRegistry(["harbor"]);
    await r.edit("apps/harbor/versions/helm/1.19.1.yaml", "status: released", "status: suspended");
    const dir = await publish(await ws.folder("suspended"), [ws.key], r.root);
    const client = await aClient(await serveRegistry(dir));
    const { code, stderr } = await client.pull("harbor", "helm");
    expect(code).toBe(1);
    expect(stderr).toMatchInlineSnapshot(`
      "appshelf: suspended: harbor 1.19.1 (helm) is suspended: the registry withdrew it, and no released version matches
        hint: pass --allow-suspended to use it anyway, knowing the registry withdrew it
      "
    `);
    expect(await nothingIn(client.out)).toEqual([]);
    const allowed = await client.pull("harbor", "helm", ["--allow-suspended"]);
    expect(allowed.code).toBe(0);
    expect(allowed.stdout).toContain(
      "harbor 1.19.1 (helm, app 2.15.1), released 2026-05-27, SUSPENDED (accepted with --allow-suspended)",
    );
  });

  it("an app the registry does not have", async () => {
    const client = await aClient(await serveRegistry(base));
    const { code, stderr } = await client.pull("harbour", "helm");
    expect(code).toBe(3);
    expect(stderr).toMatchInlineSnapshot(`
      "appshelf: not-found: <registry>/ has no app 'harbour'
        hint: find apps with 'appshelf search <words>'
      "
    `);
  });
});

describe("appshelf search, show and verify over HTTP", () => {
  it("search reads the catalog; show reads one shard", async () => {
    const server = await serveRegistry(base);
    const client = await aClient(server);
    const found = await client.run(["search", "chart", "registry"]);
    expect(found.code).toBe(0);
    expect(found.stdout).toMatch(/^harbor {2}helm 1\.19\.1 {2}Trusted cloud native registry/);
    expect(server.requests).toContain("200 /catalog.json");
    const shown = await client.run(["show", "tasks"]);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain("0.18.1  released 2026-06-29  needs nextcloud >=31 <=35, php >=8.2 <=8.6");
  });

  it("verify checks every pinned file and names the one that fails", async () => {
    const server = await serveRegistry(base);
    const client = await aClient(server);
    const good = await client.run(["verify"]);
    expect(good.code).toBe(0);
    expect(good.stdout).toMatch(/Verified 9 apps in \d+ bins: \d+ pinned files match their sha256 and size\./);
    server.root = await variant(base, await ws.folder("bad-icon"), (d) =>
      writeFile(path.join(d, "icons/harbor.svg"), "<svg/>"),
    );
    const bad = await client.run(["verify", "--no-state"]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(
      /^appshelf: size-mismatch: icons\/harbor\.svg size mismatch: expected \d+ bytes \(pinned by apps\/harbor\.json\) got 6;/,
    );
  });
});
