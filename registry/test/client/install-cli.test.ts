/**
 * `appshelf install` (issue 16): pulls and verifies like `pull`, then hands the verified
 * file to the native tool. Recording fake `helm` and `docker` executables come first on
 * PATH; each test asserts the exact arguments, the variables the tool got, and the sha256
 * of the file it was given. Nothing runs when verification fails.
 */
import { existsSync } from "node:fs";
import { readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runAppshelf, type CliRun } from "../run-appshelf.ts";
import { fakeTools, type FakeTools } from "./fake-tools.ts";
import { createWorkspace, publish, type Workspace } from "./published-registry.ts";
import { serveRegistry, type RegistryServer } from "./registry-server.ts";

const HARBOR_SHA = "593f47e1ff6cdb58bd571708535ccef436f44ccf842c5f7925cd7b03e827edc1";
const WORDPRESS_COMPOSE_SHA = "3c44b1c793ddd5a0071c5b707f1ee00c8ef96c2e7cabb7b6f5d3de633974a970";
const WATCHED = ["WORDPRESS_DB_PASSWORD", "MARIADB_ROOT_PASSWORD"];

let ws: Workspace;
let base: string;

beforeAll(async () => {
  ws = await createWorkspace();
  base = await publish(await ws.folder("base"), [ws.key]);
});
afterAll(() => ws?.cleanup());

/** A user with fake tools on PATH, their own folder (the working directory), trust state and cache. */
async function aUser(server: RegistryServer) {
  const home = await ws.folder("user");
  const tools = await fakeTools(home, ["helm", "docker"], WATCHED);
  const out = path.join(home, "out");
  const install = (args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> => {
    const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !WATCHED.includes(k)));
    return runAppshelf(
      [
        "install",
        ...args,
        "--out",
        out,
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
      ],
      { cwd: home, env: { ...clean, PATH: tools.path, ...env } },
    );
  };
  return { home, out, tools, install };
}

describe("appshelf install: Helm", () => {
  it("runs helm install <release> <verified chart> with --namespace, --set and -f passed through, in that order", async () => {
    const user = aUser(await serveRegistry(base));
    const { tools, out, install } = await user;
    const { code, stdout, stderr } = await install([
      "harbor@^1.19",
      "--yes",
      "--release",
      "my-harbor",
      "--namespace",
      "registry",
      "--set",
      "expose.type=clusterIP",
      "--set",
      "persistence.enabled=false",
      "-f",
      "values.yaml",
    ]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const chart = path.join(out, "harbor-1.19.1.tgz");
    const calls = await tools.calls();
    expect(calls.map((c) => [c.program, ...c.args])).toEqual([
      [
        "helm",
        "install",
        "my-harbor",
        chart,
        "--namespace",
        "registry",
        "--set",
        "expose.type=clusterIP",
        "--set",
        "persistence.enabled=false",
        "-f",
        "values.yaml",
      ],
    ]);
    expect(calls[0]?.files[chart]).toBe(HARBOR_SHA);
    expect(stdout).toContain(`sha256 ${HARBOR_SHA} ok, 54222 bytes ok (pinned by the shard)`);
    expect(stdout.trim().split("\n").at(-1)).toBe(
      `Will run: helm install my-harbor ${chart} --namespace registry --set expose.type=clusterIP --set persistence.enabled=false -f values.yaml`,
    );
  });

  it("the release defaults to the app id and --delivery to the app's only type; helm's exit code becomes appshelf's", async () => {
    const { tools, out, install } = await aUser(await serveRegistry(base));
    const { code } = await install(["harbor", "--yes"], { FAKE_TOOL_EXIT: "5" });
    expect(code).toBe(5);
    expect((await tools.calls()).map((c) => c.args)).toEqual([
      ["install", "harbor", path.join(out, "harbor-1.19.1.tgz")],
    ]);
  });

  it("a second install finds the verified chart from the first in --out: refused unless --force, which replaces it and installs", async () => {
    const { tools, out, install } = await aUser(await serveRegistry(base));
    expect((await install(["harbor", "--yes"])).code).toBe(0);
    const again = await install(["harbor", "--yes"]);
    expect(again.stderr).toMatch(/^appshelf: output-exists: /);
    expect(again.code).toBe(1);
    expect((await install(["harbor", "--yes", "--force"])).code).toBe(0);
    expect((await tools.calls()).map((c) => c.args)).toEqual([
      ["install", "harbor", path.join(out, "harbor-1.19.1.tgz")],
      ["install", "harbor", path.join(out, "harbor-1.19.1.tgz")],
    ]);
  });

  it("without --yes and no terminal to ask on: prints the command, runs nothing, exit 2", async () => {
    const { tools, out, install } = await aUser(await serveRegistry(base));
    const { code, stdout, stderr } = await install(["harbor"]);
    expect(code).toBe(2);
    expect(stdout).toContain(`Will run: helm install harbor ${path.join(out, "harbor-1.19.1.tgz")}`);
    expect(stderr).toContain("appshelf: usage: not on a terminal, so appshelf cannot ask before running");
    expect(stderr).toContain("hint: pass --yes");
    expect(await tools.calls()).toEqual([]);
  });

  it("a tampered chart is refused before any tool runs, and nothing is written", async () => {
    const server = await serveRegistry(base);
    server.replace.set("harbor-1.19.1.tgz", Buffer.from("not the chart"));
    const { tools, out, install } = await aUser(server);
    const { code, stderr } = await install(["harbor", "--yes"]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/^appshelf: (size|digest)-mismatch: /);
    expect(await tools.calls()).toEqual([]);
    expect(existsSync(out) ? await readdir(out) : []).toEqual([]);
  });
});

describe("appshelf install: Compose", () => {
  it("runs docker compose [--env-file f] -f <verified file> up -d with the required variables from --set and --compose-env-file", async () => {
    const { tools, out, home, install } = await aUser(await serveRegistry(base));
    await writeFile(path.join(home, "wordpress.env"), "# secrets\nexport MARIADB_ROOT_PASSWORD=from-the-env-file\n");
    const { code, stdout } = await install([
      "wordpress",
      "--delivery",
      "compose",
      "--yes",
      "--set",
      "WORDPRESS_DB_PASSWORD=s3cret",
      "--compose-env-file",
      "wordpress.env",
    ]);
    expect(code).toBe(0);
    const file = path.join(out, "compose.yaml");
    const calls = await tools.calls();
    expect(calls.map((c) => [c.program, ...c.args])).toEqual([
      ["docker", "compose", "--env-file", "wordpress.env", "-f", file, "up", "-d"],
    ]);
    expect(calls[0]?.env).toEqual({ WORDPRESS_DB_PASSWORD: "s3cret", MARIADB_ROOT_PASSWORD: null });
    expect(calls[0]?.files[file]).toBe(WORDPRESS_COMPOSE_SHA);
    expect(stdout).toContain(
      `Will run: WORDPRESS_DB_PASSWORD=… docker compose --env-file wordpress.env -f ${file} up -d`,
    );
    expect(stdout).not.toContain("s3cret");
  });

  it("variables already in the environment count as given", async () => {
    const { tools, install } = await aUser(await serveRegistry(base));
    const { code } = await install(["wordpress", "--delivery", "compose", "--yes"], {
      WORDPRESS_DB_PASSWORD: "a",
      MARIADB_ROOT_PASSWORD: "b",
    });
    expect(code).toBe(0);
    expect((await tools.calls())[0]?.env).toEqual({ WORDPRESS_DB_PASSWORD: "a", MARIADB_ROOT_PASSWORD: "b" });
  });

  it("missing required variables and no terminal to ask on: names them with Compose's messages, runs nothing, exit 2", async () => {
    const { tools, install } = await aUser(await serveRegistry(base));
    const { code, stderr } = await install([
      "wordpress",
      "--delivery",
      "compose",
      "--yes",
      "--set",
      "WORDPRESS_DB_PASSWORD=x",
    ]);
    expect(code).toBe(2);
    expect(stderr).toContain(
      "appshelf: usage: wordpress 6.8.2 needs MARIADB_ROOT_PASSWORD (set MARIADB_ROOT_PASSWORD), and there is no terminal to ask on",
    );
    expect(await tools.calls()).toEqual([]);
  });

  it("wordpress has Helm and Compose versions: leaving out --delivery is bad usage", async () => {
    const { tools, out, install } = await aUser(await serveRegistry(base));
    const { code, stderr } = await install(["wordpress", "--yes"]);
    expect(code).toBe(2);
    expect(stderr).toContain("wordpress has versions of 2 delivery types");
    expect(await tools.calls()).toEqual([]);
    expect(existsSync(out)).toBe(false);
  });
});

describe("appshelf install: options that do not apply are bad usage, found before any download", () => {
  it.each([
    [
      "a Nextcloud app",
      ["notes", "--yes"],
      "appshelf install hands helm and compose artifacts to their tools; nextcloud is not one of them",
    ],
    [
      "--compose-env-file for a chart",
      ["harbor", "--yes", "--compose-env-file", "x.env"],
      "--compose-env-file applies to Compose apps",
    ],
    [
      "-f for a Compose app",
      ["wordpress", "--delivery", "compose", "--yes", "-f", "v.yaml"],
      "-f/--values applies to Helm charts",
    ],
    ["a bad release name", ["harbor", "--yes", "--release", "Harbor_1"], "'Harbor_1' is not a Helm release name"],
    [
      "a bad Compose --set",
      ["wordpress", "--delivery", "compose", "--yes", "--set", "1X=2"],
      "--set 1X=2: expected NAME=value",
    ],
  ])("%s", async (_name, args, message) => {
    const server = await serveRegistry(base);
    const { tools, out, install } = await aUser(server);
    const { code, stderr } = await install(args);
    expect(stderr).toContain(message);
    expect(code).toBe(2);
    expect(await tools.calls()).toEqual([]);
    expect(existsSync(out)).toBe(false);
    expect(server.requests.filter((r) => r.includes("/upstream/") || r.includes("/artifacts/"))).toEqual([]);
  });
});
