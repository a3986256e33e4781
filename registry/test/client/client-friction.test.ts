/**
 * Client friction (issue 16): `--delivery` defaults to an app's only delivery type, every
 * bad usage of a client command exits 2 (README "Exit codes"), and a command prints each
 * warning once, however often the registry is read.
 */
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runAppshelf, type CliRun } from "../run-appshelf.ts";
import { createWorkspace, publish, reissueIndex, variant, type Workspace } from "./published-registry.ts";
import { serveRegistry } from "./registry-server.ts";

let ws: Workspace;
let base: string;
let unsigned: string;

beforeAll(async () => {
  ws = await createWorkspace();
  base = await publish(await ws.folder("base"), [ws.key]);
  unsigned = await variant(base, await ws.folder("unsigned"), (d) => reissueIndex(d, () => undefined, []));
});
afterAll(() => ws?.cleanup());

/** Runs a client command against `root` served on 127.0.0.1, with its own state, cache and output folder. */
async function client(root: string) {
  const server = await serveRegistry(root);
  const home = await ws.folder("client");
  const out = path.join(home, "out");
  const run = (args: string[]): Promise<CliRun> =>
    runAppshelf([
      ...args,
      "--registry",
      server.url,
      "--trusted-keys",
      ws.keysFile,
      "--state",
      path.join(home, "trust.json"),
      "--cache",
      path.join(home, "cache"),
      "--url-map",
      server.urlMap,
    ]);
  return { out, run };
}

describe("--delivery default", () => {
  it("pull notes needs no --delivery: Notes has only nextcloud versions", async () => {
    const c = await client(base);
    const { code, stdout } = await c.run(["pull", "notes", "--out", c.out]);
    expect(code).toBe(0);
    expect(stdout).toContain("notes 6.0.2 (nextcloud");
  });

  it("pull wordpress without --delivery is bad usage (exit 2) naming the delivery types; nothing is written", async () => {
    const c = await client(base);
    const { code, stderr } = await c.run(["pull", "wordpress", "--out", c.out]);
    expect(code).toBe(2);
    expect(stderr).toContain("appshelf: usage: wordpress has versions of 2 delivery types");
    expect(stderr).toContain("say which with --delivery");
  });
});

describe("bad usage exits 2", () => {
  const cases: [string, string[], RegExp][] = [
    ["pull without an app", ["pull"], /missing required argument 'app'/],
    ["pull with an unknown option", ["pull", "harbor", "--frobnicate"], /unknown option '--frobnicate'/],
    ["pull with an unknown delivery type", ["pull", "harbor", "--delivery", "snap"], /unknown delivery type 'snap'/],
    ["pull with a bad range", ["pull", "harbor@^^1"], /is not a version or node-semver range/],
    ["pull with a bad platform", ["pull", "harbor", "--platform", "windows=11"], /unknown platform 'windows'/],
    ["show without an app", ["show"], /missing required argument 'app'/],
    ["show with a bad app id", ["show", "Harbor!"], /is not an app id/],
    ["show with an unknown format", ["show", "harbor", "--format", "xml"], /unknown --format 'xml'/],
    ["an unknown command", ["frobnicate"], /unknown command 'frobnicate'/],
    ["verify with an excess argument", ["verify", "extra"], /too many arguments/],
    [
      "a bad --max-download-bytes",
      ["show", "harbor", "--max-download-bytes", "-1"],
      /--max-download-bytes must be a positive integer/,
    ],
  ];
  it.each(cases)("%s", async (_name, args, message) => {
    const c = await client(base);
    const { code, stderr } = await c.run(args);
    expect(stderr).toMatch(message);
    expect(code).toBe(2);
  });

  it("without any registry", async () => {
    const { code, stderr } = await runAppshelf(["show", "harbor", "--no-state", "--no-cache"], {
      env: { ...process.env, APPSHELF_REGISTRY: "" },
    });
    expect(stderr).toContain("no registry given");
    expect(code).toBe(2);
  });
});

describe("one warning per command", () => {
  it.each([
    ["show", ["show", "harbor"]],
    ["search", ["search", "harbor"]],
    ["pull", ["pull", "harbor", "--out", "OUT"]],
    ["verify", ["verify"]],
  ])("%s on an unsigned index says it is unsigned once on stderr", async (_name, args) => {
    const c = await client(unsigned);
    const { code, stderr } = await c.run([...args.map((a) => (a === "OUT" ? c.out : a)), "--allow-unsigned"]);
    expect(code).toBe(0);
    expect(stderr.split("\n").filter((line) => /unsigned/i.test(line))).toEqual([
      expect.stringMatching(/^warning: index\.json from .* is unsigned: accepted because of --allow-unsigned/),
    ]);
  });
});
