// One benchmark step in its own process, so its peak memory (maxRSS) is its own.
// Usage: node scripts/bench/run-step.ts <step> <registry-root> [out-dir]
// Prints one JSON line: { step, ms, maxRssBytes, detail }.
import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import pLimit from "p-limit";
import { parse } from "yaml";
import { openRegistry } from "../../registry/src/client/open-registry.ts";
import { buildHelmIndex } from "../../registry/src/index/build-helm-index.ts";
import { buildRegistry } from "../../registry/src/index/build-registry.ts";
import { expiresAfter } from "../../registry/src/index/publication.ts";
import type { AppManifest, VersionManifest } from "../../registry/src/manifest/types.ts";
import { checkPullRequest } from "../../registry/src/cli/commands/check-pr.ts";
import { validateRegistry } from "../../registry/src/validate/validate-registry.ts";

const [step, root = ".", out = ""] = process.argv.slice(2);

async function manifestFiles(dir: string): Promise<string[]> {
  const entries = await readdir(path.join(dir, "apps"), { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith(".yaml")).map((e) => path.join(e.parentPath, e.name));
}

const validateOptions = { root: path.resolve(root), mirrors: [], offline: true, requireArtifacts: false };

const steps: Record<string, () => Promise<string>> = {
  /** The floor: read every manifest's bytes, nothing else. */
  async "read-raw"() {
    const limit = pLimit(64);
    const sizes = await Promise.all((await manifestFiles(root)).map((file) => limit(async () => (await readFile(file)).length)));
    return `${sizes.reduce((a, b) => a + b, 0)} bytes`;
  },
  /** Reference: a plain `yaml` parse of every manifest. */
  async "yaml-parse"() {
    let n = 0;
    for (const file of await manifestFiles(root)) {
      parse(await readFile(file, "utf8"));
      n++;
    }
    return `${n} files`;
  },
  async validate() {
    const result = await validateRegistry(validateOptions);
    return `${result.counts.apps} apps, ${result.counts.versions} versions, ${result.diagnostics.filter((d) => d.severity === "error").length} errors`;
  },
  async build() {
    const result = await validateRegistry(validateOptions);
    const summary = await buildRegistry(result, out || path.join(root, "dist"), { serial: 1, expires: expiresAfter(new Date()) });
    return `${summary.files} files, index.json ${summary.indexBytes} bytes`;
  },
  /** The catalog: astro build of the index in $APPSHELF_INDEX_DIR into `out`. */
  async site() {
    process.env.APPSHELF_SITE_OUT = out;
    const { build } = await import("astro");
    await build({ root: path.resolve("site"), logLevel: "error" });
    const pages = (await readdir(out, { recursive: true })).filter((f) => String(f).endsWith(".html")).length;
    return `${pages} HTML pages`;
  },
  /**
   * What a runtime downloads to resolve one app (the built index in `out`, read as a folder
   * registry so bytes are counted exactly), against one Helm-style index.yaml listing every
   * version of every app.
   */
  async resolve() {
    const registry = await openRegistry({ location: out, trustedKeys: { formatVersion: 1, keys: [] }, allowUnsigned: true, trustStateFile: path.join(out, "..", "bench-trust.json") });
    await registry.shard("app-0000");
    const { requests, bytes } = registry.stats;
    return `${requests} requests, ${bytes} bytes`;
  },
  /** Size of one Helm-style index.yaml listing every version of every app (what a Helm client downloads). */
  async "helm-index"() {
    const result = await validateRegistry(validateOptions);
    const charts = result.apps.flatMap((a) => a.versions.map((v) => ({ app: a.app?.data as AppManifest, version: { ...(v.data as VersionManifest), delivery: "helm" as const }, url: v.data.artifact?.url ?? "" })));
    return `${buildHelmIndex(charts).length} bytes`;
  },
  async "check-pr"() {
    const result = await checkPullRequest({ base: "main", head: "HEAD", author: "dev-0", validate: validateOptions });
    return `${result.validated.apps} app(s) validated, kinds: ${result.kinds.join(",")}`;
  },
};

const run = steps[step ?? ""];
if (!run) {
  process.stderr.write(`unknown step ${step}; one of ${Object.keys(steps).join(", ")}\n`);
  process.exit(2);
}
const started = performance.now();
const detail = await run();
const ms = performance.now() - started;
process.stdout.write(`${JSON.stringify({ step, ms: Math.round(ms), maxRssBytes: process.resourceUsage().maxRSS * 1024, detail })}\n`);
