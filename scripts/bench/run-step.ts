// One benchmark step in its own process, so its peak memory (maxRSS) is its own.
// Usage: node scripts/bench/run-step.ts <step> <registry-root> [out-dir]
// Prints one JSON line: { step, ms, maxRssBytes, detail }.
import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import { parse } from "yaml";
import { buildRegistry } from "../../registry/src/index/build-registry.ts";
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
    let bytes = 0;
    for (const file of await manifestFiles(root)) bytes += (await readFile(file)).length;
    return `${bytes} bytes`;
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
    const summary = await buildRegistry(result, out || path.join(root, "dist"));
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
