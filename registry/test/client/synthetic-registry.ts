import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { buildIndex, type IndexAppInput } from "../../src/index/build-index.ts";
import type { Publication } from "../../src/index/publication.ts";
import { SIGNATURE_FILE } from "../../src/signing/signature-file.ts";
import { signIndex } from "../../src/signing/sign-index.ts";
import type { SigningKey } from "../../src/signing/signing-keys.ts";
import type { VersionManifest } from "../../src/manifest/types.ts";

/** The one made-up publisher of the synthetic apps. */
const EXAMPLE_PUBLISHER = new Map([
  [
    "example",
    {
      id: "example",
      name: "Example",
      url: "https://example.org",
      github: { logins: ["octocat"] },
      verification: { state: "unverified" as const },
    },
  ],
]);

/**
 * `count` made-up apps (`app-00000`, ...) with `versions` helm versions each (1.0.0,
 * 1.1.0, ...), valid by the schemas; artifact digests are made up, so only metadata can be
 * resolved, not pulled. For tests (and benchmarks) of registries far larger than the samples.
 */
export function syntheticApps(count: number, versions = 10): IndexAppInput[] {
  return Array.from({ length: count }, (_, i) => {
    const id = `app-${String(i).padStart(5, "0")}`;
    const vs: VersionManifest[] = Array.from({ length: versions }, (_, v) => ({
      version: `1.${v}.0`,
      delivery: "helm",
      appVersion: `2.${v}.0`,
      artifact: {
        url: `https://charts.example.org/${id}-1.${v}.0.tgz`,
        sha256: (i * 31 + v).toString(16).padStart(64, "a"),
        size: 40_000 + v,
      },
      compatibility: { kubernetes: ">=1.25.0-0" },
      changelog: { en: `Version 1.${v}.0 of ${id}.` },
      status: "released",
      released: "2026-01-01",
    }));
    return {
      manifest: {
        id,
        name: { en: `App ${i}` },
        summary: { en: `Made-up app number ${i} for scale tests` },
        description: { en: `A made-up app.\n\n## Details\n\nNumber ${i}.` },
        categories: ["developer-tools"],
        keywords: ["synthetic"],
        license: "Apache-2.0",
        publisher: "example",
        maintainers: ["octocat"],
        status: "active",
      },
      versions: vs,
      artifacts: new Map(),
      publishers: EXAMPLE_PUBLISHER,
    };
  });
}

/** Builds `apps` into `dir` (signed with `keys` when given) and returns the files written. */
export async function writeSyntheticRegistry(
  dir: string,
  apps: readonly IndexAppInput[],
  publication: Publication,
  keys: readonly SigningKey[] = [],
): Promise<Map<string, Buffer>> {
  const files = buildIndex(
    { categories: [{ id: "developer-tools", name: { en: "Developer tools" } }], apps },
    publication,
  );
  if (keys.length > 0) files.set(SIGNATURE_FILE, signIndex(files.get("index.json") ?? Buffer.alloc(0), keys));
  for (const [file, bytes] of files) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(path.join(dir, file), bytes);
  }
  return files;
}
