// `npm run bench`: measures the whole pipeline on a deterministic synthetic registry.
// Options: --apps N (default 10000) --versions M (default 10) --site-apps K (default 1000;
// --full uses N) --out FILE (default bench/results.json) --keep (keep the temp folders)
// --compare FILE (an earlier results.json, e.g. the 10,000-app run, for the scale-point target).
// --scale-point runs only the floor and validate + build (cold) at N, for the scale point
// (e.g. --apps 50000 --scale-point --compare bench/results-10k.json). --publish-only runs
// only the floor and the full publish + republish (with --full: at N). --check-pr-only runs
// only the build the check reads its name table from and check-pr at 10 and N (loose, then packed).
// --registries DIR keeps the generated registries in DIR and reuses them in later runs (the
// same N, M and seed; generating 50,000 apps takes about 10 minutes): one left with changes is
// generated again. --generate-only (with --registries) only makes or checks the registry of N apps.
// The publish and republish steps (at the site's N) run what .github/workflows/publish.yml
// runs — validate + build, sign, site (Astro + Pagefind), verify — on `main`, then again
// after a one-app change (the `pr` branch) with the first publish's caches restored
// (manifest cache, previous site), and compare the two outputs file by file.
// Each step runs in its own process (scripts/bench/run-step.ts) so its peak memory is its own.
// The floor is `read-raw`: listing and reading every manifest, nothing else. "cold" runs
// start with an empty manifest cache, "warm" runs use the cache the cold run left (nothing
// changed in between). Prints the table, then each target of issue 8 with its verdict.
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { cp, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { simpleGit } from "simple-git";
import { generateSigningKey, loadSigningKey } from "../../registry/src/signing/signing-keys.ts";
import { compareOutputs } from "./compare-outputs.ts";
import { generateRegistry } from "../../registry/test/scale/generate-registry.ts";

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const { values } = parseArgs({
  options: {
    apps: { type: "string", default: "10000" },
    versions: { type: "string", default: "10" },
    "site-apps": { type: "string", default: "1000" },
    full: { type: "boolean", default: false },
    out: { type: "string", default: "bench/results.json" },
    keep: { type: "boolean", default: false },
    compare: { type: "string" },
    "scale-point": { type: "boolean", default: false },
    "publish-only": { type: "boolean", default: false },
    "check-pr-only": { type: "boolean", default: false },
    registries: { type: "string" },
    "generate-only": { type: "boolean", default: false },
  },
});
const apps = Number(values.apps);
const versions = Number(values.versions);
const siteApps = values.full ? apps : Math.min(apps, Number(values["site-apps"]));

interface StepResult {
  step: string;
  ms: number;
  maxRssBytes: number;
  detail: string;
  /** Republish only: every output file the change should not touch is byte-identical. */
  identical?: boolean;
}

/** Runs one step in its own process; `env` adds variables (e.g. APPSHELF_BENCH_CACHE, APPSHELF_BENCH_THREADS). */
async function runStep(step: string, root: string, out = "", env: NodeJS.ProcessEnv = {}): Promise<StepResult> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [path.join(REPO, "scripts/bench/run-step.ts"), step, root, out],
    {
      cwd: REPO,
      env: { ...process.env, ...env },
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  return JSON.parse(stdout.trim().split("\n").at(-1) ?? "{}") as StepResult;
}

/** A registry of `n` apps in a Git repository: `main` holds it, the checked-out `pr` branch adds one version to one app. */
async function makeRegistry(parent: string, n: number): Promise<{ root: string; files: number }> {
  if (values.registries === undefined) return generateInto(path.join(parent, `registry-${n}`), n);
  // Kept between runs: reused when it was completed (its marker beside it) and nothing in it changed since.
  const root = path.join(path.resolve(values.registries), `registry-${n}-${versions}`);
  const marker = `${root}.ready`;
  try {
    const files = Number(readFileSync(marker, "utf8"));
    const git = simpleGit(root);
    await git.checkout("pr");
    if ((await git.raw(["status", "--porcelain", "--untracked-files=all"])) === "" && files > 0) {
      // Read once, unmeasured: a registry just generated is in the page cache, and the floor is measured from there.
      await runStep("read-raw", root);
      return { root, files };
    }
  } catch {
    // not there, or not usable: generated again below
  }
  await rm(marker, { force: true });
  await rm(root, { recursive: true, force: true });
  const made = await generateInto(root, n);
  await writeFile(marker, String(made.files));
  return made;
}

async function generateInto(root: string, n: number): Promise<{ root: string; files: number }> {
  await mkdir(root, { recursive: true });
  await cp(path.join(REPO, "schema"), path.join(root, "schema"), { recursive: true });
  const files = await generateRegistry(root, { apps: n, versions, seed: 42 });
  const git = simpleGit(root);
  await git.init(["--initial-branch=main"]);
  // No automatic `git gc`: it would go on in the background after a commit and still be
  // writing in the folder when the bench removes it (which then fails and hides the result).
  await git.addConfig("user.email", "bench@appshelf.invalid").addConfig("user.name", "bench").addConfig("gc.auto", "0");
  await git.add(".");
  await git.commit("synthetic registry");
  await git.checkoutLocalBranch("pr");
  const app = path.join(root, "apps/app-0000");
  await mkdir(path.join(app, "versions/helm"), { recursive: true });
  await writeFile(
    path.join(app, "versions/helm/99.0.0.yaml"),
    `version: "99.0.0"\ndelivery: helm\nartifact:\n  url: https://downloads.example.org/app-0000/app-0000-99.0.0.tgz\n  sha256: ${"c".repeat(64)}\n  size: 12345\nstatus: released\nreleased: "2025-12-01"\n`,
  );
  await git.add(".");
  await git.commit("new version of app-0000");
  return { root, files };
}

/**
 * check-pr at N = 10 and N = apps as pull-request.yml runs it: --previous names the last
 * publish (`dist-big` / a build of the small registry, signed here; both built from the `pr`
 * head, one app ahead of the merge base: that app is read from Git, the rest from the
 * table). Then the same on packed repositories (`git gc`), as CI checkouts are: the bench's
 * repositories keep loose objects (gc.auto 0).
 */
async function checkPrSteps(bigRoot: string, smallRoot: string): Promise<void> {
  const prKey = { APPSHELF_BENCH_KEY: generateSigningKey().privatePem };
  const distSmall = path.join(temp, "dist-small");
  const distBig = path.join(temp, "dist-big");
  await runStep("build", smallRoot, distSmall);
  for (const dist of [distSmall, distBig]) await runStep("sign", bigRoot, dist, prKey);
  for (const packed of [false, true]) {
    if (packed) for (const root of [smallRoot, bigRoot]) await simpleGit(root).raw(["gc", "--quiet"]);
    const step = packed ? "check-pr (packed)" : "check-pr";
    log({
      ...(await runStep("check-pr", smallRoot, "", { ...prKey, APPSHELF_BENCH_PREVIOUS: distSmall })),
      step,
      n: 10,
    });
    log({ ...(await runStep("check-pr", bigRoot, "", { ...prKey, APPSHELF_BENCH_PREVIOUS: distBig })), step, n: apps });
  }
}

const loadBefore = os
  .loadavg()
  .map((l) => l.toFixed(2))
  .join(", ");
const temp = await mkdtemp(path.join(os.tmpdir(), "appshelf-bench-"));
const rows: (StepResult & { n: number })[] = [];
const log = (r: StepResult & { n: number }) => {
  rows.push(r);
  process.stderr.write(
    `  ${r.step} (N=${r.n}): ${r.ms} ms, ${(r.maxRssBytes / 2 ** 20).toFixed(0)} MiB — ${r.detail}\n`,
  );
};
try {
  process.stderr.write(`Generating ${apps} x ${versions} and 10 x ${versions} registries in ${temp}\n`);
  const big = await makeRegistry(temp, apps);
  if (values["generate-only"]) {
    process.stderr.write(`${big.root}: ${big.files} files, ready\n`);
    await rm(temp, { recursive: true, force: true });
    process.exit(0);
  }
  if (values["check-pr-only"]) {
    const small = await makeRegistry(temp, 10);
    log({
      ...(await runStep("build", big.root, path.join(temp, "dist-big"), {
        APPSHELF_BENCH_CACHE: path.join(temp, "cache-build"),
      })),
      step: "validate + build (cold)",
      n: apps,
    });
    await checkPrSteps(big.root, small.root);
  } else if (values["scale-point"]) {
    log({ ...(await runStep("read-raw", big.root)), n: apps });
    log({
      ...(await runStep("build", big.root, path.join(temp, "dist-big"), {
        APPSHELF_BENCH_CACHE: path.join(temp, "cache-build"),
      })),
      step: "validate + build (cold)",
      n: apps,
    });
  } else if (values["publish-only"]) {
    log({ ...(await runStep("read-raw", big.root)), n: apps });
  }
  if (!values["scale-point"] && !values["publish-only"] && !values["check-pr-only"]) {
    const small = await makeRegistry(temp, 10);
    for (const step of ["read-raw", "read-raw-async", "yaml-parse", "appshelf-parse"])
      log({ ...(await runStep(step, big.root)), n: apps });
    // Cold: an empty manifest cache; warm: the same cache again, nothing changed.
    const validateCache = { APPSHELF_BENCH_CACHE: path.join(temp, "cache-validate") };
    log({ ...(await runStep("validate", big.root, "", validateCache)), step: "validate (cold)", n: apps });
    log({ ...(await runStep("validate", big.root, "", validateCache)), step: "validate (warm)", n: apps });
    log({
      ...(await runStep("validate", big.root, "", { APPSHELF_BENCH_THREADS: "1" })),
      step: "validate (1 thread, no cache)",
      n: apps,
    });
    const buildCache = { APPSHELF_BENCH_CACHE: path.join(temp, "cache-build") };
    log({
      ...(await runStep("build", big.root, path.join(temp, "dist-big"), buildCache)),
      step: "validate + build (cold)",
      n: apps,
    });
    log({
      ...(await runStep("build", big.root, path.join(temp, "dist-big"), buildCache)),
      step: "validate + build (warm)",
      n: apps,
    });
    const sizes = await runStep("index-sizes", big.root, path.join(temp, "dist-big"));
    log({ ...sizes, ms: 0, maxRssBytes: 0, step: "index sizes", n: apps });
    const resolve = await runStep("resolve", big.root, path.join(temp, "dist-big"));
    const helm = await runStep("helm-index", big.root);
    const share = (100 * Number(resolve.detail.split(" ")[2])) / Number(helm.detail.split(" ")[0]);
    log({
      ...resolve,
      detail: `${resolve.detail} to resolve one app, vs ${helm.detail} for a single Helm index.yaml of all versions (${share.toFixed(3)}%)`,
      n: apps,
    });
    await checkPrSteps(big.root, small.root);
  }
  if (!values["scale-point"] && !values["check-pr-only"]) {
    if (siteApps > 0) {
      const site = siteApps === apps ? big : await makeRegistry(temp, siteApps);
      const git = simpleGit(site.root);
      const key = { APPSHELF_BENCH_KEY: generateSigningKey().privatePem };
      // The site reads the signed index as a client does: it must trust the key.
      const signer = loadSigningKey(key.APPSHELF_BENCH_KEY);
      const trustedKeys = path.join(temp, "trusted-keys.json");
      await writeFile(
        trustedKeys,
        JSON.stringify({
          formatVersion: 1,
          keys: [{ keyId: signer.keyId, algorithm: "ed25519", publicKey: signer.publicKey }],
        }),
      );
      const cache = { APPSHELF_BENCH_CACHE: path.join(temp, `cache-publish-${siteApps}`) };
      /** One publish as the workflow runs it; `previous`: the last publish's site (restored cache). */
      const publish = async (label: string, name: string, previous?: string): Promise<StepResult & { n: number }> => {
        const dist = path.join(temp, `dist-${name}`);
        const out = path.join(temp, `site-${name}`);
        const parts = [
          {
            ...(await runStep("build", site.root, dist, cache)),
            step: `${label}: validate + build (${previous ? "warm" : "cold"})`,
          },
          { ...(await runStep("sign", site.root, dist, key)), step: `${label}: sign` },
          {
            ...(await runStep("site", site.root, out, {
              APPSHELF_INDEX_DIR: dist,
              APPSHELF_TRUSTED_KEYS: trustedKeys,
              ...(previous ? { APPSHELF_SITE_PREVIOUS: previous } : {}),
            })),
            step: previous ? `${label}: site (unchanged pages reused)` : "site",
          },
          { ...(await runStep("verify", site.root, out, key)), step: `${label}: verify` },
        ];
        for (const part of parts) log({ ...part, n: siteApps });
        return {
          step: label,
          n: siteApps,
          ms: parts.reduce((t, p) => t + p.ms, 0),
          maxRssBytes: Math.max(...parts.map((p) => p.maxRssBytes)),
          detail: "sum of the four steps above; peak memory of the largest",
        };
      };
      await git.checkout("main");
      log(await publish("full publish", `full-${siteApps}`));
      log({
        ...(await runStep("pagefind", site.root, path.join(temp, `site-full-${siteApps}`))),
        step: "of which pagefind (alone)",
        n: siteApps,
      });
      await git.checkout("pr");
      const republish = await publish(
        "republish (one app changed)",
        `re-${siteApps}`,
        path.join(temp, `site-full-${siteApps}`),
      );
      const compared = await compareOutputs(
        path.join(temp, `site-full-${siteApps}`),
        path.join(temp, `site-re-${siteApps}`),
        "app-0000",
      );
      log({ ...republish, detail: compared.detail, identical: compared.ok } as StepResult & { n: number });
    }
  }
} finally {
  // Retried, and never in place of the run's own error: a failed clean-up only leaves a temp folder.
  if (!values.keep)
    await rm(temp, { recursive: true, force: true, maxRetries: 5, retryDelay: 1000 }).catch((cause: unknown) => {
      process.stderr.write(`could not remove ${temp}: ${(cause as Error).message}\n`);
    });
}

const floor = rows.find((r) => r.step === "read-raw" && r.n === apps)?.ms ?? 1;
const table = rows.map((r) => ({ ...r, ratioToFloor: Number((r.ms / floor).toFixed(2)) }));
const machine = {
  cpus: os.cpus().length,
  cpuModel: os.cpus()[0]?.model ?? "unknown",
  memoryBytes: os.totalmem(),
  node: process.version,
  platform: `${os.platform()} ${os.release()}`,
};
await mkdir(path.dirname(path.resolve(REPO, values.out)), { recursive: true });
await writeFile(
  path.resolve(REPO, values.out),
  `${JSON.stringify({ date: new Date().toISOString(), apps, versions, machine, steps: table }, null, 2)}\n`,
);
process.stdout.write(
  `\n| step | N | time (ms) | x floor | peak memory (MiB) | detail |\n| --- | --- | --- | --- | --- | --- |\n`,
);
for (const r of table)
  process.stdout.write(
    `| ${r.step} | ${r.n} | ${r.ms} | ${r.ratioToFloor} | ${(r.maxRssBytes / 2 ** 20).toFixed(0)} | ${r.detail} |\n`,
  );
process.stdout.write(
  `\nMachine: ${machine.cpus} cores (${machine.cpuModel}), ${(machine.memoryBytes / 2 ** 30).toFixed(0)} GiB, Node ${machine.node}, load average before the run ${loadBefore}, after it ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(", ")} (other jobs share the cores). Written to ${values.out}.\n`,
);
process.stdout.write(
  `\nTargets (issues 8 and 19):\n${targets(table)
    .map((t) => `- ${t}`)
    .join("\n")}\n`,
);

/** Each target of the issue, measured in this run, with whether it is met. */
function targets(steps: (StepResult & { n: number; ratioToFloor: number })[]): string[] {
  const find = (step: string, n = apps) => steps.find((r) => r.step === step && r.n === n);
  const mib = (r: StepResult | undefined) => (r ? r.maxRssBytes / 2 ** 20 : Number.NaN);
  const verdict = (ok: boolean) => (ok ? "met" : "NOT met");
  const cold = find("validate + build (cold)");
  const warm = find("validate + build (warm)");
  const lines =
    values["scale-point"] || values["publish-only"] || values["check-pr-only"]
      ? []
      : [
          `validate + index cold within 4x the floor: ${cold?.ratioToFloor}x, ${verdict((cold?.ratioToFloor ?? Infinity) <= 4)}`,
          `validate + index warm within 1.5x the floor: ${warm?.ratioToFloor}x, ${verdict((warm?.ratioToFloor ?? Infinity) <= 1.5)}`,
          `peak memory of validate and build under 1 GiB: ${Math.max(...steps.filter((r) => /^validate/.test(r.step)).map(mib)).toFixed(0)} MiB at most, ${verdict(Math.max(...steps.filter((r) => /^validate/.test(r.step)).map(mib)) < 1024)}`,
        ];
  const pr10 = find("check-pr", 10);
  const prN = find("check-pr");
  if (pr10 && prN)
    lines.push(
      `check-pr at N=${apps} within 1.5x N=10: ${(prN.ms / pr10.ms).toFixed(2)}x, ${verdict(prN.ms <= 1.5 * pr10.ms)}`,
    );
  const packed10 = find("check-pr (packed)", 10);
  const packedN = find("check-pr (packed)");
  if (packed10 && packedN)
    lines.push(
      `check-pr (packed repositories) at N=${apps} within 1.5x N=10: ${(packedN.ms / packed10.ms).toFixed(2)}x, ${verdict(packedN.ms <= 1.5 * packed10.ms)}`,
    );
  const site = steps.find((r) => r.step === "site");
  if (site)
    lines.push(
      `site + Pagefind (en + zh-CN) under 60 s and 2 GiB: ${(site.ms / 1000).toFixed(1)} s, ${mib(site).toFixed(0)} MiB at N=${site.n}${site.n === apps ? `, ${verdict(site.ms < 60_000 && mib(site) < 2048)}` : ` (not judged: run --full for N=${apps})`}`,
    );
  const full = steps.find((r) => r.step === "full publish");
  const re = steps.find((r) => r.step === "republish (one app changed)");
  if (full && re) {
    const share = re.ms / full.ms;
    lines.push(
      `republish after a one-app change at most 25% of a full publish, untouched files byte-identical: ${(100 * share).toFixed(1)}% (${(re.ms / 1000).toFixed(1)} s of ${(full.ms / 1000).toFixed(1)} s), untouched files ${re.identical ? "identical" : "NOT identical"} at N=${re.n}${re.n === apps ? `, ${verdict(share <= 0.25 && re.identical === true)}` : ` (not judged: run --full for N=${apps})`}`,
    );
  }
  const coldThreads = find("validate (cold)");
  const oneThread = find("validate (1 thread, no cache)");
  if (coldThreads && oneThread)
    lines.push(
      `cold validation, threads + cache vs 1 thread without cache (issue 19 asks why the first was slower): ${coldThreads.ms} ms vs ${oneThread.ms} ms, ${verdict(coldThreads.ms <= oneThread.ms)}`,
    );
  if (values.compare) {
    const earlier = JSON.parse(readFileSync(path.resolve(REPO, values.compare), "utf8")) as {
      apps: number;
      steps: StepResult[];
    };
    const reference = earlier.steps.find((r) => r.step === "validate + build (cold)");
    const peak = Math.max(...steps.filter((r) => /validate/.test(r.step) && r.n === apps).map(mib));
    if (reference && cold)
      lines.push(
        `scale point N=${apps} x ${versions}: validate + build under 2 GiB peak and within 6x the N=${earlier.apps} time: ${peak.toFixed(0)} MiB, ${(cold.ms / reference.ms).toFixed(2)}x (${cold.ms} ms vs ${reference.ms} ms), ${verdict(peak < 2048 && cold.ms <= 6 * reference.ms)}`,
      );
  }
  if (values["scale-point"] || values["publish-only"] || values["check-pr-only"]) return lines;
  const catalogGz = Number(/catalog\.json \d+ bytes \((\d+) gzipped\)/.exec(find("index sizes")?.detail ?? "")?.[1]);
  lines.push(
    `summaries (catalog.json; index.json only pins it) under 2 MB gzipped: ${(catalogGz / 1e6).toFixed(2)} MB, ${verdict(catalogGz < 2e6)}`,
  );
  const share = Number(/\(([\d.]+)%\)/.exec(find("resolve")?.detail ?? "")?.[1]);
  lines.push(`resolving one app under 1% of a single Helm index.yaml: ${share}%, ${verdict(share < 1)}`);
  return lines;
}
