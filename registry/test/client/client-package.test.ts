/**
 * The client as a package people install (issue 16): `npm pack` in packages/client makes a
 * tarball of compiled JavaScript with its runtime dependencies bundled; `npm install
 * <tarball> --offline` into an empty folder installs it without any package registry; the
 * installed `appshelf` then runs show, search, pull and verify against a signed registry
 * served on 127.0.0.1, and by default trusts only the keys committed in this repository.
 */
import { execFile } from "node:child_process";
import { mkdir, readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { list } from "tar";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sha256Hex } from "../../src/artifact/digest.ts";
import { CLIENT_PACKAGE_PATH, CLIENT_VERSION, clientCommand } from "../../src/client/client-package.ts";
import { runtimeClosure, type Lockfile } from "../../../packages/client/runtime-closure.ts";
import { REPO_ROOT } from "../temp-registry.ts";
import { fakeTools } from "./fake-tools.ts";
import { createWorkspace, publish, type Workspace } from "./published-registry.ts";
import { serveRegistry } from "./registry-server.ts";

const run = promisify(execFile);
const PACKAGE_DIR = path.join(REPO_ROOT, "packages/client");
const HARBOR_SHA = "593f47e1ff6cdb58bd571708535ccef436f44ccf842c5f7925cd7b03e827edc1";

let ws: Workspace;
let registry: string;
let tarball: string;
let installed: string;

beforeAll(async () => {
  ws = await createWorkspace();
  registry = await publish(await ws.folder("registry"), [ws.key]);
  const packed = await ws.folder("packed");
  await mkdir(packed);
  const { stdout } = await run("npm", ["pack", "--pack-destination", packed], { cwd: PACKAGE_DIR });
  tarball = path.join(packed, stdout.trim().split("\n").at(-1) ?? "");
  installed = await ws.folder("empty");
  await mkdir(installed);
  await run("npm", ["install", "--offline", "--no-audit", "--no-fund", "--ignore-scripts", tarball], {
    cwd: installed,
  });
}, 300_000);
afterAll(() => ws?.cleanup());

/** Runs the installed `appshelf` (node_modules/.bin) with the Node running the tests. */
async function installedAppshelf(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      [path.join(installed, "node_modules/.bin/appshelf"), ...args],
      { cwd: installed },
    );
    return { code: 0, stdout, stderr };
  } catch (cause) {
    const e = cause as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe("npm pack", () => {
  it("makes appshelf-client-<version>.tgz holding compiled JavaScript, the schemas, the trusted keys and only the runtime dependencies", async () => {
    expect(path.basename(tarball)).toBe(path.basename(CLIENT_PACKAGE_PATH));
    const manifest = JSON.parse(await readFile(path.join(PACKAGE_DIR, "package.json"), "utf8")) as {
      version: string;
      dependencies: Record<string, string>;
    };
    expect(manifest.version).toBe(CLIENT_VERSION);
    const files: string[] = [];
    await list({ file: tarball, onReadEntry: (e) => void files.push(e.path) });
    const own = files.filter((f) => !f.startsWith("package/node_modules/"));
    expect(own.filter((f) => f.endsWith(".ts"))).toEqual([]);
    expect(own).toContain("package/build/registry/src/cli/client-main.js");
    expect(own).toContain("package/build/schema/shard.schema.json");
    expect(own).toContain("package/build/registry/keys/trusted-keys.json");
    expect(own.filter((f) => /\/(test|site|apps|scripts)\//.test(f))).toEqual([]);
    const bundled = new Set(
      files
        .filter((f) => f.startsWith("package/node_modules/"))
        .map((f) =>
          f
            .split("/")
            .slice(1, f.split("/")[2]?.startsWith("@") ? 4 : 3)
            .join("/"),
        ),
    );
    const lock = JSON.parse(await readFile(path.join(REPO_ROOT, "package-lock.json"), "utf8")) as Lockfile;
    expect([...bundled].sort()).toEqual(
      runtimeClosure(lock, Object.keys(manifest.dependencies)).filter((f) => !f.includes("/node_modules/", 1)),
    );
    for (const dev of ["typescript", "vitest", "astro", "octokit", "simple-git"])
      expect(bundled.has(`node_modules/${dev}`)).toBe(false);
  });

  it("every package the compiled client imports is a declared runtime dependency, and every dependency is imported", async () => {
    const manifest = JSON.parse(await readFile(path.join(PACKAGE_DIR, "package.json"), "utf8")) as {
      dependencies: Record<string, string>;
    };
    const imported = new Set<string>();
    const walk = async (dir: string): Promise<void> => {
      for (const entry of await readdir(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) await walk(full);
        else if (entry.name.endsWith(".js")) {
          for (const [, spec] of (await readFile(full, "utf8")).matchAll(
            /\bfrom\s+"([^".][^"]*)"|\bimport\("([^".][^"]*)"\)/g,
          )) {
            if (spec && !spec.startsWith("node:"))
              imported.add(spec.startsWith("@") ? spec.split("/").slice(0, 2).join("/") : (spec.split("/")[0] ?? spec));
          }
        }
      }
    };
    await walk(path.join(installed, "node_modules/appshelf-client/build"));
    expect([...imported].sort()).toEqual(Object.keys(manifest.dependencies).sort());
  });
});

describe("the installed client against a registry on 127.0.0.1", () => {
  const home = () => ws.folder("home");
  const clientArgs = async (url: string) => {
    const h = await home();
    return [
      "--registry",
      url,
      "--trusted-keys",
      ws.keysFile,
      "--state",
      path.join(h, "trust.json"),
      "--cache",
      path.join(h, "cache"),
    ];
  };

  it("npm install <tarball> put only the client into the empty folder", async () => {
    expect(await readdir(path.join(installed, "node_modules"))).toEqual(
      expect.arrayContaining([".bin", "appshelf-client"]),
    );
    expect((await readdir(path.join(installed, "node_modules"))).filter((n) => !n.startsWith("."))).toEqual([
      "appshelf-client",
    ]);
  });

  it("appshelf show harbor", async () => {
    const server = await serveRegistry(registry);
    const { code, stdout, stderr } = await installedAppshelf(["show", "harbor", ...(await clientArgs(server.url))]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout).toContain("Harbor (harbor)");
    expect(stdout).toContain(`https://helm.goharbor.io/harbor-1.19.1.tgz  sha256 ${HARBOR_SHA}  54222 bytes`);
  });

  it("appshelf pull harbor writes the verified chart", async () => {
    const server = await serveRegistry(registry);
    const out = path.join(await home(), "out");
    const { code, stdout } = await installedAppshelf([
      "pull",
      "harbor@^1.19",
      "--out",
      out,
      "--url-map",
      server.urlMap,
      ...(await clientArgs(server.url)),
    ]);
    expect(code).toBe(0);
    expect(stdout).toContain(`sha256 ${HARBOR_SHA} ok, 54222 bytes ok (pinned by the shard)`);
    expect(sha256Hex(await readFile(path.join(out, "harbor-1.19.1.tgz")))).toBe(HARBOR_SHA);
  });

  it("appshelf search and verify", async () => {
    const server = await serveRegistry(registry);
    const search = await installedAppshelf(["search", "nextcloud", ...(await clientArgs(server.url))]);
    expect(search.code).toBe(0);
    expect(search.stdout).toMatch(/^notes\s+nextcloud 6\.0\.2/m);
    const verify = await installedAppshelf(["verify", ...(await clientArgs(server.url))]);
    expect(verify.code).toBe(0);
    expect(verify.stdout).toMatch(/Verified 9 apps in \d+ bins: \d+ pinned files match their sha256 and size\./);
  });

  it("appshelf install hands the verified chart to helm (a recording fake on PATH)", async () => {
    const server = await serveRegistry(registry);
    const h = await home();
    const tools = await fakeTools(h, ["helm"]);
    const out = path.join(h, "out");
    const args = [
      path.join(installed, "node_modules/.bin/appshelf"),
      "install",
      "harbor",
      "--yes",
      "--namespace",
      "registry",
      "--out",
      out,
      "--url-map",
      server.urlMap,
      ...(await clientArgs(server.url)),
    ];
    await run(process.execPath, args, { cwd: installed, env: { ...process.env, PATH: tools.path } });
    expect((await tools.calls()).map((c) => [c.program, ...c.args])).toEqual([
      ["helm", "install", "harbor", path.join(out, "harbor-1.19.1.tgz"), "--namespace", "registry"],
    ]);
    expect((await tools.calls())[0]?.files[path.join(out, "harbor-1.19.1.tgz")]).toBe(HARBOR_SHA);
  });

  it("by default trusts only the keys committed in this repository (packaged with it): the test key is refused", async () => {
    const server = await serveRegistry(registry);
    const { code, stderr } = await installedAppshelf([
      "show",
      "harbor",
      "--registry",
      server.url,
      "--no-state",
      "--no-cache",
    ]);
    expect(code).toBe(1);
    expect(stderr).toContain("a key you do not trust");
    expect(stderr).toContain("node_modules/appshelf-client/build/registry/keys/trusted-keys.json");
  });

  it("README and the catalog name the command that runs this tarball from the registry's site, never a bare npx appshelf", async () => {
    expect(clientCommand("https://example.org/shelf/")).toBe(
      `npx --yes --package=https://example.org/shelf/${CLIENT_PACKAGE_PATH} appshelf`,
    );
    const readme = await readFile(path.join(REPO_ROOT, "README.md"), "utf8");
    expect(readme).toContain(`npx --yes --package=https://<site>/${CLIENT_PACKAGE_PATH} appshelf`);
    const install = await readFile(path.join(REPO_ROOT, "site/src/lib/install.ts"), "utf8");
    expect(install).not.toMatch(/npx appshelf/);
    expect(await readFile(path.join(REPO_ROOT, "site/src/lib/client-command.ts"), "utf8")).toContain(
      "npm install --global ${clientPackageUrl(site)}",
    );
  });
});
