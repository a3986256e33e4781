import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { makeTestCa, type TestCa } from "./nextcloud-ca.ts";
import { runAppshelf } from "./run-appshelf.ts";
import { signedSampleRegistry, SAMPLE_NEXTCLOUD_RELEASES } from "./nextcloud-signed-samples.ts";
import { CORPUS, tempDir } from "./temp-registry.ts";

// The sample notes and tasks releases signed under a throwaway CA made here: never Nextcloud's root.
const RELEASES = SAMPLE_NEXTCLOUD_RELEASES;
let ca: TestCa;

beforeAll(async () => {
  ca = await makeTestCa();
});

/** `appshelf build` of `root` against the corpus (Nextcloud's real root.crt/root.crl as reference files), with `extra` arguments. */
async function build(root: string, extra: string[]) {
  const out = path.join(await tempDir(), "dist");
  const env = { ...process.env };
  delete env.APPSHELF_REFERENCE_DIR;
  delete env.APPSHELF_NEXTCLOUD_PRIVATE_ROOT;
  const run = await runAppshelf(
    [
      "build",
      "--root",
      root,
      "--mirror",
      CORPUS,
      "--offline",
      "--require-artifacts",
      "--no-cache",
      "--out",
      out,
      "--site-url",
      "https://shelf.example.org/",
      ...extra,
    ],
    { env },
  );
  return { ...run, out };
}

describe("a private code-signing root for tests and private Nextcloud deployments", () => {
  it("is never the default: releases signed under another CA are refused against Nextcloud's root", async () => {
    const run = await build((await signedSampleRegistry(ca)).root, []);
    expect(run.code).toBe(1);
    for (const r of RELEASES)
      expect(run.stdout).toMatch(new RegExp(`apps/${r.id}/app\\.yaml:\\d+:\\d+ error nextcloud/certificate-untrusted`));
  });

  it("given explicitly (--nextcloud-private-root), populates the Nextcloud API and says at every release and in the build that it is not Nextcloud's root", async () => {
    const dir = await tempDir();
    await mkdir(path.join(dir, "private-root"));
    await writeFile(path.join(dir, "private-root/root.crt"), ca.rootCrt);
    await writeFile(path.join(dir, "private-root/root.crl"), ca.rootCrl);
    const run = await build((await signedSampleRegistry(ca)).root, [
      "--nextcloud-private-root",
      path.join(dir, "private-root"),
    ]);
    expect(run.stderr).not.toMatch(/error/);
    expect(run.code).toBe(0);
    for (const r of RELEASES)
      expect(run.stdout).toMatch(
        new RegExp(
          `apps/${r.id}/versions/nextcloud/${r.version.replace(/\./g, "\\.")}\\.yaml:\\d+:\\d+ warning nextcloud/private-trust-root .*not Nextcloud's`,
        ),
      );
    expect(run.stderr).toContain("warning: the Nextcloud app store API was built with the private code-signing root");
    const apps = JSON.parse(await readFile(path.join(run.out, "api/v1/apps.json"), "utf8")) as {
      id: string;
      releases: { version: string; download: string }[];
    }[];
    expect(apps.map((a) => [a.id, a.releases.map((r) => r.version)])).toEqual([
      ["notes", ["6.0.2"]],
      ["tasks", ["0.18.1"]],
    ]);
    expect(apps[0]?.releases[0]?.download).toBe(
      "https://shelf.example.org/artifacts/notes/nextcloud/6.0.2/notes-v6.0.2.tar.gz",
    );
  });
});
