import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { openArtifactCache } from "../artifact/artifact-cache.ts";
import { kubeVersionOf } from "../artifact/inspect/helm/check-with-helm.ts";
import { DEFAULT_FETCH_LIMITS } from "../artifact/fetch-artifact.ts";
import { openMirror } from "../artifact/mirror.ts";
import { verifyArtifact } from "../artifact/verify-artifacts.ts";
import type { VersionManifest } from "../manifest/types.ts";
import type { PrResult } from "../check-pr/pr-result.ts";
import { validateRegistry } from "../run/validate-registry.ts";

/** One artifact staged for a test deployment. */
export interface StagedDeployment {
  delivery: "helm" | "compose";
  app: string;
  version: string;
  /** Helm release or Compose project name: the app id as a DNS label. */
  name: string;
  /** File name inside the output folder. */
  file: string;
  /** `--kube-version`-style lower bound of compatibility.kubernetes (Helm only). */
  kubeVersion?: string;
}

/**
 * Stages the changed Helm and Compose versions of a pull-request check for a real test
 * deployment (the `test-deployment` workflow: a throw-away kind cluster and Docker
 * Compose on a GitHub runner). Each version's artifact is verified by digest and size
 * (downloaded when needed, as validation does) and written to `out/`; `out/helm.tsv` and
 * `out/compose.tsv` list `name<TAB>file<TAB>kubeVersion` for the workflow's loops, only
 * when there is something to deploy. Versions of other delivery types, deleted versions
 * and versions whose artifact does not verify are left out (the check reports those).
 *
 * @param root registry root at the pull request's head
 * @param where mirror folders searched before the network, and the download cache
 * @returns what was staged
 */
export async function stageTestDeployment(
  root: string,
  result: Pick<PrResult, "versions">,
  out: string,
  where: { mirrors?: string[]; cacheDir?: string } = {},
): Promise<StagedDeployment[]> {
  const { mirrors = [], cacheDir } = where;
  const wanted = result.versions.filter((v) => v.delivery === "helm" || v.delivery === "compose");
  const apps = new Set(wanted.map((v) => v.app));
  if (apps.size === 0) return [];
  const validation = await validateRegistry({
    root,
    apps,
    mirrors,
    offline: false,
    requireArtifacts: true,
    ...(cacheDir ? { cacheDir } : {}),
  });
  const { mirror } = await openMirror(mirrors);
  const options = {
    root,
    mirror,
    offline: false,
    requireArtifacts: true,
    limits: DEFAULT_FETCH_LIMITS,
    ...(cacheDir ? { cache: openArtifactCache(cacheDir) } : {}),
  };
  const staged: StagedDeployment[] = [];
  await mkdir(out, { recursive: true });
  for (const want of wanted) {
    const facts = validation.apps.find((a) => a.folder === want.app)?.versions.find((v) => v.parsed.file === want.file);
    if (!facts?.valid || !facts.data.artifact) continue;
    const check = await verifyArtifact(`apps/${want.app}`, facts, facts.data.artifact, options);
    if (!check.bytes) continue;
    const delivery = want.delivery as StagedDeployment["delivery"];
    const file = `${want.app}-${want.version}.${delivery === "helm" ? "tgz" : "yaml"}`.replace(
      /[^A-Za-z0-9._+-]/g,
      "_",
    );
    await writeFile(path.join(out, file), check.bytes);
    const entry: StagedDeployment = {
      delivery,
      app: want.app,
      version: want.version,
      name: want.app.replace(/_/g, "-").slice(0, 53),
      file,
    };
    const kube = delivery === "helm" ? kubeVersionOf({ version: facts.data as VersionManifest }) : undefined;
    if (kube) entry.kubeVersion = kube;
    staged.push(entry);
  }
  for (const delivery of ["helm", "compose"] as const) {
    const rows = staged
      .filter((s) => s.delivery === delivery)
      .map((s) => [s.name, s.file, s.kubeVersion ?? ""].join("\t"));
    if (rows.length > 0) await writeFile(path.join(out, `${delivery}.tsv`), `${rows.join("\n")}\n`);
  }
  return staged;
}
