import { createVerify, X509Certificate } from "node:crypto";
import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { buildRegistry } from "../src/index/build-registry.ts";
import { indexBuildInput } from "../src/run/index-input.ts";
import { schemaCheck } from "../src/json/schemas.ts";
import { validateRegistry } from "../src/run/validate-registry.ts";
import { makeTestCa, writeReferenceDir, type TestCa } from "./nextcloud-ca.ts";
import { signedSampleRegistry, SAMPLE_NEXTCLOUD_RELEASES } from "./nextcloud-signed-samples.ts";
import { CORPUS, errorsOf, tempDir, tempRegistry } from "./temp-registry.ts";

const PUBLICATION = { serial: 7, expires: "2030-01-01T00:00:00Z" };
const SITE = "https://shelf.example.org/";
const RELEASES = SAMPLE_NEXTCLOUD_RELEASES;
let ca: TestCa;

beforeAll(async () => {
  ca = await makeTestCa();
  // The build verifies signatures against this throwaway CA, laid out like Nextcloud's resources/codesigning/.
  process.env.APPSHELF_REFERENCE_DIR = await writeReferenceDir(await tempDir(), ca);
});

async function build(root: string, out: string) {
  const result = await validateRegistry({ root, mirrors: [CORPUS], offline: true, requireArtifacts: true });
  expect(errorsOf(result.diagnostics)).toEqual([]);
  return buildRegistry(indexBuildInput(result), out, PUBLICATION, [], undefined, { siteUrl: SITE });
}

async function apiFiles(out: string): Promise<Map<string, Buffer>> {
  const dir = path.join(out, "api/v1");
  const names = (await readdir(dir, { recursive: true, withFileTypes: true }))
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)));
  return new Map(await Promise.all(names.sort().map(async (n) => [n, await readFile(path.join(dir, n))] as const)));
}

describe("the static Nextcloud app store API", () => {
  test("signed releases are listed, valid against the schemas from restapi.rst, byte-identical across builds, pinned by index.json", async () => {
    const registry = await signedSampleRegistry(ca);
    const [out1, out2] = [path.join(await tempDir(), "dist"), path.join(await tempDir(), "dist")];
    const summary = await build(registry.root, out1);
    await build(registry.root, out2);
    expect(summary.warnings).toEqual([]);
    const first = await apiFiles(out1);
    expect([...first.keys()]).toEqual([
      "apps.json",
      "categories.json",
      "platform/31.0.0/apps.json",
      "platform/32.0.0/apps.json",
      "platform/33.0.0/apps.json",
      "platform/34.0.0/apps.json",
      "platform/35.0.0/apps.json",
      "platforms.json",
    ]);
    expect(await apiFiles(out2)).toEqual(first);
    const kind = (name: string) =>
      name === "categories.json"
        ? "nextcloud-api-categories"
        : name === "platforms.json"
          ? "nextcloud-api-platforms"
          : "nextcloud-api-apps";
    for (const [name, bytes] of first)
      expect(schemaCheck(kind(name))(JSON.parse(bytes.toString("utf8"))), name).toEqual([]);
    const index = JSON.parse(await readFile(path.join(out1, "index.json"), "utf8")) as {
      nextcloudApi: { path: string }[];
    };
    expect(index.nextcloudApi.map((r) => r.path).sort()).toEqual([...first.keys()].map((n) => `api/v1/${n}`).sort());

    // Nextcloud 32 gets tasks only (notes needs 33 or later), with the specs versioning.py gives.
    const on32 = JSON.parse(first.get("platform/32.0.0/apps.json")?.toString("utf8") ?? "[]") as {
      id: string;
      releases: Record<string, unknown>[];
    }[];
    expect(on32.map((a) => a.id)).toEqual(["tasks"]);
    expect(on32[0]?.releases[0]).toMatchObject({
      version: "0.18.1",
      platformVersionSpec: ">=31.0.0 <36.0.0",
      rawPlatformVersionSpec: ">=31 <=35",
      phpVersionSpec: ">=8.2.0 <8.7.0",
      rawPhpVersionSpec: ">=8.2 <=8.6",
      licenses: ["agpl"],
      signatureDigest: "sha512",
      isNightly: false,
      created: "2026-06-29T00:00:00.000000Z",
    });
    const all = JSON.parse(first.get("apps.json")?.toString("utf8") ?? "[]") as {
      id: string;
      categories: string[];
      adminDocs: string;
      authors: unknown[];
      translations: Record<string, unknown>;
    }[];
    expect(all.map((a) => a.id)).toEqual(["notes", "tasks"]);
    expect(all[1]).toMatchObject({
      categories: ["office", "organization"],
      adminDocs: "https://github.com/nextcloud/tasks#installation",
      authors: [{ name: "Raimund Schlüßler", mail: "raimund.schluessler@mailbox.org", homepage: "" }],
    });
    expect(Object.keys(all[0]?.translations ?? {})).toEqual(["en", "zh-CN"]);
    expect(JSON.parse(first.get("platforms.json")?.toString("utf8") ?? "")).toContainEqual({
      hasRelease: true,
      version: "32.0.0",
      isSupported: true,
    });
  });

  test("end to end as a Nextcloud server installs: certificate from apps.json, its signature over the downloaded archive", async () => {
    const registry = await signedSampleRegistry(ca);
    const out = path.join(await tempDir(), "dist");
    await build(registry.root, out);
    const apps = JSON.parse(await readFile(path.join(out, "api/v1/apps.json"), "utf8")) as {
      id: string;
      certificate: string;
      releases: { download: string; signature: string }[];
    }[];
    for (const r of RELEASES) {
      const app = apps.find((a) => a.id === r.id);
      const release = app?.releases[0];
      const certificate = new X509Certificate(app?.certificate ?? "");
      expect(certificate.subject.split("\n").at(-1)).toBe(`CN=${r.id}`);
      expect(certificate.checkIssued(new X509Certificate(ca.rootCrt))).toBe(true);
      // The bytes the download URL serves are the mirror's (the digest pinned in the shard): verify as Installer::downloadApp does.
      const bytes = await readFile(path.join(CORPUS, "nextcloud/archives", r.archive));
      expect(
        createVerify("sha512")
          .update(bytes)
          .verify(certificate.publicKey, release?.signature ?? "", "base64"),
      ).toBe(true);
      expect(
        createVerify("sha512")
          .update(Buffer.concat([bytes, Buffer.from("x")]))
          .verify(certificate.publicKey, release?.signature ?? "", "base64"),
      ).toBe(false);
    }
  });

  test("unsigned releases are left out with a build warning", async () => {
    const registry = await tempRegistry(["notes", "tasks"]);
    const out = path.join(await tempDir(), "dist");
    const summary = await build(registry.root, out);
    expect(summary.warnings).toEqual([
      "notes 6.0.2 is left out of the Nextcloud API: unsigned (Nextcloud servers install signed releases only)",
      "tasks 0.18.1 is left out of the Nextcloud API: unsigned (Nextcloud servers install signed releases only)",
      "the Nextcloud app store API lists no app: none of the 2 Nextcloud releases is signed under Nextcloud's code-signing root, and Nextcloud servers install signed releases only (see README, \"Nextcloud app store API\": the sample apps are re-packs nobody can sign under Nextcloud's root)",
    ]);
    expect(await readFile(path.join(out, "api/v1/apps.json"), "utf8")).toBe("[]\n");
  });
});
