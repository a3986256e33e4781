import { execFile } from "node:child_process";
import { cp, mkdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { generateSigningKey } from "../../src/signing/signing-keys.ts";
import { parseTrustedKeys } from "../../src/signing/trusted-keys.ts";
import { verifyIndexSignature } from "../../src/signing/verify-index-signature.ts";
import { createWorkspace, publish, type Workspace } from "../client/published-registry.ts";
import { REPO_ROOT } from "../temp-registry.ts";

/**
 * The signing job of publish.yml (issue 13, class 13): the key reaches one job only, which
 * installs nothing, runs no code that touched artifacts, checks out only the signing
 * program and what it imports (held here by following the imports), downloads the built
 * folder, checks it and signs. The program is run here from a folder holding only those
 * files (no node_modules): on a real build it signs; on a tampered build it refuses.
 */
const run = promisify(execFile);
interface Step {
  uses?: string;
  run?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}
interface Job {
  needs?: string;
  environment?: { name: string };
  permissions?: Record<string, string>;
  steps: Step[];
}
const workflow = parse(await readFile(path.join(REPO_ROOT, ".github/workflows/publish.yml"), "utf8")) as {
  jobs: Record<string, Job>;
};
const sign = workflow.jobs.sign as Job;
const sparse = (sign.steps[0]?.with?.["sparse-checkout"] ?? "")
  .split("\n")
  .map((l) => l.trim())
  .filter(Boolean);

/** Every file `file` imports, transitively (relative imports; type-only imports are erased by Node and skipped). */
async function importClosure(
  file: string,
  seen = new Set<string>(),
  builtins = new Set<string>(),
): Promise<{ files: Set<string>; builtins: Set<string> }> {
  if (seen.has(file)) return { files: seen, builtins };
  seen.add(file);
  const text = await readFile(path.join(REPO_ROOT, file), "utf8");
  for (const [, typeOnly, from] of text.matchAll(/^import\s+(type\s+)?[^;]*?from\s+"([^"]+)";/gms)) {
    if (typeOnly || from === undefined) continue;
    if (from.startsWith("node:")) builtins.add(from);
    else if (from.startsWith("."))
      await importClosure(path.posix.normalize(path.posix.join(path.posix.dirname(file), from)), seen, builtins);
    else builtins.add(`PACKAGE ${from}`);
  }
  return { files: seen, builtins };
}

let ws: Workspace;
let built: string;
beforeAll(async () => {
  ws = await createWorkspace();
  built = await publish(await ws.folder("built"), []);
});
afterAll(() => ws?.cleanup());

/** Runs the signing program from a folder holding only the sparse checkout, as the job does. */
async function signIn(dir: string, pem: string): Promise<{ code: number; out: string }> {
  const checkout = await ws.folder("checkout");
  for (const file of sparse) {
    await mkdir(path.dirname(path.join(checkout, file)), { recursive: true });
    await cp(path.join(REPO_ROOT, file), path.join(checkout, file));
  }
  try {
    const { stdout } = await run(
      process.execPath,
      [path.join(checkout, "scripts/sign-release.ts"), "--dir", dir, "--key-env", "APPSHELF_SIGNING_KEY"],
      { cwd: checkout, env: { PATH: process.env.PATH ?? "", APPSHELF_SIGNING_KEY: pem } },
    );
    return { code: 0, out: stdout };
  } catch (cause) {
    return { code: (cause as { code?: number }).code ?? 1, out: String((cause as { stderr?: string }).stderr) };
  }
}

describe("publish.yml: signing in its own job", () => {
  it("only the sign job sees the key; it installs nothing and checks out only the signing program and its imports", async () => {
    const withSecret = Object.entries(workflow.jobs).filter(([, job]) => JSON.stringify(job).includes("secrets."));
    expect(withSecret.map(([name]) => name)).toEqual(["sign"]);
    expect(sign.environment).toEqual({ name: "signing" });
    const runs = sign.steps.flatMap((s) => (s.run ? [s.run] : [])).join("\n");
    expect(runs).not.toMatch(/\b(npm|npx|yarn|pnpm)\b/);
    expect(sign.steps.map((s) => s.uses?.split("@")[0] ?? "run")).toEqual([
      "actions/checkout",
      "actions/setup-node",
      "actions/download-artifact",
      "run",
      "actions/upload-artifact",
    ]);
    expect(sign.steps[0]?.with).toMatchObject({ ref: "${{ github.sha }}", "persist-credentials": false });
    expect(sign.steps[1]?.with?.cache).toBeUndefined();
    const { files, builtins } = await importClosure("scripts/sign-release.ts");
    expect([...builtins].filter((b) => !b.startsWith("node:"))).toEqual([]);
    expect([...files].filter((f) => !sparse.includes(f))).toEqual([]);
    for (const [name, job] of Object.entries(workflow.jobs)) {
      if (job.steps.some((s) => s.run?.includes("npm ci"))) expect(JSON.stringify(job), name).not.toContain("secrets.");
    }
  });

  it("signs a real build from a checkout of those files alone, and the signature verifies with the trusted key", async () => {
    const { privatePem, key } = generateSigningKey();
    const dir = await ws.folder("to-sign");
    await cp(built, dir, { recursive: true });
    await rm(path.join(dir, "index.json.sig"), { force: true });
    const { code, out } = await signIn(dir, privatePem);
    expect(code, out).toBe(0);
    expect(out).toMatch(/^Checked \d+ pinned files/);
    const trusted = parseTrustedKeys(
      Buffer.from(
        JSON.stringify({
          formatVersion: 1,
          keys: [{ keyId: key.keyId, algorithm: "ed25519", publicKey: key.publicKey }],
        }),
      ),
      "test",
    );
    expect(
      verifyIndexSignature(
        await readFile(path.join(dir, "index.json")),
        await readFile(path.join(dir, "index.json.sig")),
        trusted,
      ),
    ).toMatchObject({ status: "signed", keyId: key.keyId });
  });

  it.each([
    [
      "a pinned shard changed after the build",
      async (dir: string) => writeFile(path.join(dir, "apps/harbor.json"), "{}\n"),
      "apps/harbor.json has SHA-256",
    ],
    [
      "a pinned file removed",
      async (dir: string) => rm(path.join(dir, "catalog.json")),
      "catalog.json, which cannot be read",
    ],
    [
      "a symbolic link in the folder",
      async (dir: string) => symlink("/etc/passwd", path.join(dir, "passwd")),
      "passwd is a symbolic link",
    ],
  ])("refuses %s, and writes no signature", async (_name, tamper, message) => {
    const { privatePem } = generateSigningKey();
    const dir = await ws.folder("tampered");
    await cp(built, dir, { recursive: true });
    await rm(path.join(dir, "index.json.sig"), { force: true });
    await tamper(dir);
    const { code, out } = await signIn(dir, privatePem);
    expect(code).toBe(1);
    expect(out).toContain(message);
    await expect(readFile(path.join(dir, "index.json.sig"))).rejects.toThrow();
  });
});
