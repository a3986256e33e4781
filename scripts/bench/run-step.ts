// One benchmark step in its own process, so its peak memory (maxRSS) is its own.
// Usage: node scripts/bench/run-step.ts <step> <registry-root> [out-dir]
// Prints one JSON line: { step, ms, maxRssBytes, detail }. $APPSHELF_BENCH_CACHE names the
// manifest cache folder for validate and build (none when unset); $APPSHELF_BENCH_THREADS
// sets their thread count (default: automatic).
import { readdirSync, readFileSync } from "node:fs";
import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import pLimit from "p-limit";
import { parse } from "yaml";
import { parseYaml } from "../../registry/src/manifest/parse-yaml.ts";
import { openRegistry } from "../../registry/src/client/open-registry.ts";
import { buildHelmIndex } from "../../registry/src/index/build-helm-index.ts";
import { buildRegistry } from "../../registry/src/index/build-registry.ts";
import { openStaging } from "../../registry/src/index/write-output.ts";
import { expiresAfter } from "../../registry/src/index/publication.ts";
import type { AppManifest, VersionManifest } from "../../registry/src/manifest/types.ts";
import { checkPullRequest } from "../../registry/src/check-pr/check-pull-request.ts";
import { verifyRegistry } from "../../registry/src/client/verify-registry.ts";
import { signDir } from "../../registry/src/signing/sign-dir.ts";
import { loadSigningKey } from "../../registry/src/signing/signing-keys.ts";
import { indexBuildInput } from "../../registry/src/run/index-input.ts";
import { sourceCommitOf } from "../../registry/src/git/source-commit.ts";
import { checkRegistry, validateForIndex, validateRegistry } from "../../registry/src/run/validate-registry.ts";
import { describeCpu, processCpu } from "./process-cpu.ts";

const [step, root = ".", out = ""] = process.argv.slice(2);

async function manifestFiles(dir: string): Promise<string[]> {
  const entries = await readdir(path.join(dir, "apps"), { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith(".yaml")).map((e) => path.join(e.parentPath, e.name));
}

const validateOptions = {
  root: path.resolve(root),
  mirrors: [],
  offline: true,
  requireArtifacts: false,
  ...(process.env.APPSHELF_BENCH_CACHE ? { manifestCacheDir: process.env.APPSHELF_BENCH_CACHE } : {}),
  ...(process.env.APPSHELF_BENCH_THREADS ? { threads: Number(process.env.APPSHELF_BENCH_THREADS) } : {}),
};

/** The repository the bench's build names as the home of hosted copies (publish.yml: `--release-assets "$GITHUB_REPOSITORY"`). */
const BENCH_RELEASE_ASSETS = { owner: "appshelf", repo: "bench" };

/** Every manifest file, listed and read with synchronous calls in one thread. */
function readAllSync(dir: string): { files: string[]; texts: Buffer[] } {
  const entries = readdirSync(path.join(dir, "apps"), { recursive: true, withFileTypes: true });
  const files = entries
    .filter((e) => e.isFile() && e.name.endsWith(".yaml"))
    .map((e) => path.join(e.parentPath, e.name));
  return { files, texts: files.map((file) => readFileSync(file)) };
}

/** The trusted keys holding the public half of the bench's signing key (a private key PEM). */
function trustedKeysOf(pem: string) {
  const key = loadSigningKey(pem);
  return {
    formatVersion: 1 as const,
    keys: [{ keyId: key.keyId, algorithm: "ed25519" as const, publicKey: key.publicKey }],
  };
}

const steps: Record<string, () => Promise<string>> = {
  /** The floor: list and read every manifest's bytes, nothing else (synchronous calls: the fastest way found on the bench machine). */
  async "read-raw"() {
    const { texts } = readAllSync(root);
    return `${texts.reduce((n, t) => n + t.length, 0)} bytes`;
  },
  /** The same with asynchronous reads, 64 at a time (slower here: each read queues on the thread pool). */
  async "read-raw-async"() {
    const limit = pLimit(64);
    const sizes = await Promise.all(
      (await manifestFiles(root)).map((file) => limit(async () => (await readFile(file)).length)),
    );
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
  /** Reference: Appshelf's own parse of every manifest (`yaml` with the manifest options, positions and checks). */
  async "appshelf-parse"() {
    const { files, texts } = readAllSync(root);
    const parsed = files.filter(
      (file, i) => parseYaml(file, (texts[i] ?? Buffer.alloc(0)).toString("utf8")).data !== undefined,
    ).length;
    return `${files.length} files, ${parsed} parsed`;
  },
  /** `appshelf validate`: diagnostics and counts only. */
  async validate() {
    const result = await checkRegistry(validateOptions);
    return `${result.counts.apps} apps, ${result.counts.versions} versions, ${result.diagnostics.filter((d) => d.severity === "error").length} errors`;
  },
  /**
   * `appshelf build` as publish.yml runs it, with `--release-assets`: validate (each app's index files built where it is
   * validated, copies' URLs release assets of BENCH_RELEASE_ASSETS), then write the index, and the (empty) asset list
   * beside `out`. Not `--host-artifacts`: the generated versions' artifacts have no bytes to host.
   */
  async build() {
    const dist = out || path.join(root, "dist");
    // As `appshelf build` does: heap growth bounded when the apps are parsed, each app's files into the output's staging folder as they are built.
    const staging = await openStaging(dist);
    try {
      const hosting = { hostArtifacts: false, releaseAssets: BENCH_RELEASE_ASSETS };
      const validation = validateForIndex({ ...validateOptions, boundHeapGrowth: true }, hosting, staging.dir);
      // Read beside the validation, with its listing of the work tree, as `appshelf build` does: signed in index.json with the name table.
      const commit = sourceCommitOf(
        validateOptions.root,
        validation.then((r) => r.workTreeClean),
      );
      const result = await validation;
      const sourceCommit = await commit;
      const summary = await buildRegistry(
        indexBuildInput(result, hosting),
        dist,
        { serial: 1, expires: expiresAfter(new Date()) },
        [],
        undefined,
        {
          ...(sourceCommit ? { sourceCommit } : {}),
          releaseAssets: { ...BENCH_RELEASE_ASSETS, outDir: `${dist}-release-assets` },
          staging,
        },
      );
      return `${summary.files} files`;
    } catch (cause) {
      await staging.discard();
      throw cause;
    }
  },
  /** Sizes of the built index.json and catalog.json (the summaries), plain and gzipped; not a pipeline step. */
  async "index-sizes"() {
    const size = (file: string) => {
      const bytes = readFileSync(path.join(out, file));
      return `${file} ${bytes.length} bytes (${gzipSync(bytes).length} gzipped)`;
    };
    return `${size("index.json")}, ${size("catalog.json")}`;
  },
  /** The catalog: astro build of the index in $APPSHELF_INDEX_DIR into `out`. */
  async site() {
    process.env.APPSHELF_SITE_OUT = out;
    const { build } = await import("astro");
    await build({ root: path.resolve("site"), logLevel: "error" });
    const cpu = describeCpu(processCpu());
    const pages = (await readdir(out, { recursive: true })).filter((f) => String(f).endsWith(".html")).length;
    return `${pages} HTML pages, Pagefind index included${cpu ? `; ${cpu}` : ""}`;
  },
  /** `appshelf sign`: signs index.json in `out` with the key PEM in $APPSHELF_BENCH_KEY. */
  async sign() {
    const signed = await signDir(out, [loadSigningKey(process.env.APPSHELF_BENCH_KEY ?? "")]);
    return `signed by ${signed.join(", ")}`;
  },
  /** `appshelf verify --registry <site>`: the built site read as a client reads it, signature and every pinned file. */
  async verify() {
    const registry = await openRegistry({
      location: out,
      trustedKeys: trustedKeysOf(process.env.APPSHELF_BENCH_KEY ?? ""),
    });
    const check = await verifyRegistry(registry);
    return `${check.files} pinned files verified, ${check.apps} apps`;
  },
  /**
   * Pagefind alone: indexes the app pages of the site built in `out` again, from disk, into a
   * temporary folder (the site's own index and its bundle keys, which the next publish reuses, stay as they are).
   */
  async pagefind() {
    const { writeSearchIndex } = await import("../../site/src/integrations/search-index.ts");
    const scratch = await mkdtemp(path.join(os.tmpdir(), "appshelf-bench-pagefind-"));
    const report = await writeSearchIndex(out, undefined, scratch).finally(() =>
      rm(scratch, { recursive: true, force: true }),
    );
    return `${report.read} pages read, indexed ${Object.entries(report.indexed)
      .map(([lang, n]) => `${n} ${lang}`)
      .join(", ")}`;
  },
  /**
   * What a runtime downloads to resolve one app (the built index in `out`, read as a folder
   * registry so bytes are counted exactly), against one Helm-style index.yaml listing every
   * version of every app.
   */
  async resolve() {
    const registry = await openRegistry({
      location: out,
      trustedKeys: { formatVersion: 1, keys: [] },
      allowUnsigned: true,
      trustStateFile: path.join(out, "..", "bench-trust.json"),
    });
    await registry.shard("app-0000");
    const { requests, bytes } = registry.stats;
    return `${requests} requests, ${bytes} bytes`;
  },
  /** Size of one Helm-style index.yaml listing every version of every app (what a Helm client downloads). */
  async "helm-index"() {
    const result = await validateRegistry(validateOptions);
    const charts = result.apps.flatMap((a) =>
      a.versions.map((v) => ({
        app: a.app?.data as AppManifest,
        version: { ...(v.data as VersionManifest), delivery: "helm" as const },
        url: v.data.artifact?.url ?? "",
      })),
    );
    return `${buildHelmIndex(charts).length} bytes`;
  },
  async "check-pr"() {
    // As pull-request.yml runs it: --previous names the last publish (APPSHELF_BENCH_PREVIOUS, signed with the key in APPSHELF_BENCH_KEY).
    const previous = process.env.APPSHELF_BENCH_PREVIOUS;
    const result = await checkPullRequest({
      base: "main",
      head: "HEAD",
      author: "dev-0",
      validate: validateOptions,
      ...(previous
        ? { previous: { location: previous, trustedKeys: trustedKeysOf(process.env.APPSHELF_BENCH_KEY ?? "") } }
        : {}),
    });
    const cpu = describeCpu(processCpu());
    return `${result.validated.apps} app(s) validated, kinds: ${result.kinds.join(",")}; base names: ${result.baseNames?.note ?? "?"}${cpu ? `; ${cpu}` : ""}`;
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
process.stdout.write(
  `${JSON.stringify({ step, ms: Math.round(ms), maxRssBytes: process.resourceUsage().maxRSS * 1024, detail })}\n`,
);
