import path from "node:path";
import { Command } from "commander";
import { PRIVATE_ROOT_ENV } from "../../artifact/inspect/nextcloud/codesigning/trust-anchors.ts";
import { readLiveSerial } from "../../client/read-live-serial.ts";
import { countCommits } from "../../git/count-commits.ts";
import { sourceCommitOf } from "../../git/source-commit.ts";
import { buildRegistry, type BuildSummary } from "../../index/build-registry.ts";
import { openStaging } from "../../index/write-output.ts";
import { chooseSerial, DEFAULT_EXPIRES_DAYS, expiresAfter } from "../../index/publication.ts";
import { inspectionTools } from "../../ledger/inspection-tools.ts";
import { restoreLedger } from "../../client/read-live-ledger.ts";
import type { LedgerContext, LedgerEntry } from "../../ledger/ledger-types.ts";
import { annotateDiagnostics } from "../../report/annotate.ts";
import { hasErrors, type Diagnostic } from "../../report/diagnostic.ts";
import { writePublishSummary } from "../../report/write-publish-summary.ts";
import { readReviewLedger } from "../../publish/read-review-ledger.ts";
import { readSigningKeys } from "../../signing/read-signing-keys.ts";
import { readTrustedKeys } from "../../signing/trusted-keys.ts";
import { indexBuildInput } from "../../run/index-input.ts";
import { validateForIndex } from "../../run/validate-registry.ts";
import { countProgress } from "../count-progress.ts";
import { parseReleaseRepository } from "../../index/release-assets/release-asset-url.ts";
import { toValidateOptions, withRegistryOptions, type RegistryCliOptions } from "../options.ts";
import { printValidation } from "./validate.ts";
import { UsageError } from "../../errors/appshelf-error.ts";
import { EXIT_CODES } from "../../errors/exit-codes.ts";

interface BuildOptions extends RegistryCliOptions {
  out: string;
  serial?: string;
  serialAfter?: string;
  expiresIn: string;
  key: string[];
  keyEnv: string[];
  ledger: boolean;
  ledgerFrom?: string;
  trustedKeys: string;
  reviews?: string;
  siteUrl?: string;
  hostArtifacts: boolean;
  hostBudgetMb: string;
  annotate: boolean;
  helmKeyring?: string;
  releaseAssets?: string;
  releaseAssetsOut: string;
  nextcloudPrivateRoot?: string;
}

/** `appshelf build`: validate everything, then write the index, catalog, bins, shards, icons and in-repo artifacts to --out atomically. */
export function buildCommand(): Command {
  return withRegistryOptions(
    new Command("build").description(
      "validate the whole registry, then write index.json, catalog.json, bins/, apps/<id>.json shards, icons and in-repo artifacts to --out (atomically)",
    ),
  )
    .option("--out <dir>", "output folder, replaced as a whole", "dist")
    .option("--serial <n>", "serial of this publish (default: the Git commit count of --root, or 1 outside Git)")
    .option(
      "--serial-after <url-or-dir>",
      "registry now published: the serial becomes max(commit count, its serial + 1) so re-signing always increases it",
    )
    .option("--expires-in <days>", "days until clients refuse the index", String(DEFAULT_EXPIRES_DAYS))
    .option("--key <file>", "sign index.json with this private key PEM (repeatable)", collect, [])
    .option(
      "--key-env <name>",
      "sign with the private key PEM held in this environment variable (repeatable)",
      collect,
      [],
    )
    .option(
      "--ledger",
      "keep a verification ledger: publish each artifact's check as ledger.json, pinned from index.json",
      false,
    )
    .option(
      "--ledger-from <url-or-dir-or-file>",
      "restore the ledger of the live registry (its index.json checked against --trusted-keys) or a ledger .json file: artifacts it vouches for are not downloaded again (implies --ledger); a registry named here is also where a hosted copy whose upstream is gone is read back from (digest checked)",
    )
    .option(
      "--trusted-keys <file>",
      "public keys trusted to have signed the registry named by --ledger-from",
      "registry/keys/trusted-keys.json",
    )
    .option(
      "--reviews <file>",
      "review ledger (schema/reviews.schema.json, from 'appshelf review-records'): written into each version of the shards as `review`",
    )
    .option(
      "--host-artifacts",
      "publish verified copies of released helm charts next to helm/index.yaml, listed first in 'urls' (so helm pull works without the upstream)",
      false,
    )
    .option(
      "--host-budget-mb <MiB>",
      "most MiB all hosted copies may take (GitHub Pages sites are limited to 1 GB)",
      "512",
    )
    .option(
      "--annotate",
      "in GitHub Actions: annotate the versions published from the ledger whose upstream is gone, and write the publish job summary to $GITHUB_STEP_SUMMARY",
      false,
    )
    .option(
      "--helm-keyring <file>",
      "OpenPGP public keyring: every Helm .prov carried with a hosted chart must pass 'helm verify --keyring' with it",
    )
    .option(
      "--release-assets <owner/repo>",
      "host copies as GitHub Release assets of this repository (one release per app, tag appshelf-<app-id>), listed first in 'urls'; their bytes go to --release-assets-out for scripts/upload-release-assets.ts",
    )
    .option(
      "--release-assets-out <dir>",
      "where --release-assets writes the assets and release-assets.json (replaced as a whole)",
      "release-assets",
    )
    .option(
      "--nextcloud-private-root <dir>",
      "verify Nextcloud code signing against the private root in <dir> (root.crt, root.crl) INSTEAD of Nextcloud's: tests and private Nextcloud deployments only, never a public app store",
    )
    .option(
      "--site-url <url>",
      "the site's base URL, for absolute download URLs of hosted copies in the Nextcloud API (default: $APPSHELF_SITE_URL)",
    )
    .action(async (options: BuildOptions) => {
      const now = new Date();
      // Read by the Nextcloud inspector in every validation thread (threads copy the environment when they start).
      if (options.nextcloudPrivateRoot) process.env[PRIVATE_ROOT_ENV] = path.resolve(options.nextcloudPrivateRoot);
      const privateRoot = process.env[PRIVATE_ROOT_ENV];
      const validateOptions = toValidateOptions(options);
      const expiresDays = Number(options.expiresIn);
      const expires = expiresAfter(now, expiresDays);
      const restored =
        options.ledgerFrom !== undefined
          ? await restoreLedger(options.ledgerFrom, await readTrustedKeys(options.trustedKeys))
          : options.ledger
            ? { entries: {}, note: "a new ledger" }
            : undefined;
      if (restored) {
        const ledger: LedgerContext = {
          entries: restored.entries,
          tools: inspectionTools(),
          now: now.toISOString().replace(/\.\d{3}Z$/, "Z"),
          probe: !validateOptions.offline,
        };
        validateOptions.ledger = ledger;
        process.stderr.write(`Verification ledger: ${restored.note}.\n`);
      }
      const keys = await readSigningKeys({ files: options.key, envs: options.keyEnv });
      const reviews = options.reviews !== undefined ? await readReviewLedger(options.reviews) : undefined;
      const progress = countProgress("checking apps");
      const hosting = options.releaseAssets ? parseReleaseRepository(options.releaseAssets) : undefined;
      const indexHosting = { hostArtifacts: options.hostArtifacts, releaseAssets: hosting };
      // Heap growth bounded when the apps are parsed (not answered from the cache): at 50,000 apps this keeps the peak under 2 GiB.
      const runOptions = { ...validateOptions, boundHeapGrowth: true, ...(progress ? { onProgress: progress } : {}) };
      const siteUrl = options.siteUrl ?? process.env.APPSHELF_SITE_URL;
      const hostBudgetBytes = Number(options.hostBudgetMb) * 1024 * 1024;
      if (!(hostBudgetBytes > 0))
        throw new UsageError(`--host-budget-mb must be a positive number, not '${options.hostBudgetMb}'`);
      // Each app's files go into the output's staging folder as they are built (not held until the end), release-asset
      // URLs and all (decided where the app is validated); it is published by the build, or discarded: on validation
      // errors or any failure nothing is written.
      const staging = await openStaging(options.out);
      let built = false;
      try {
        const validation = validateForIndex(runOptions, indexHosting, staging.dir);
        // Read beside the validation, with its listing of the work tree: the commit is signed in index.json with the name table (check-pr --previous).
        const sourceCommit = sourceCommitOf(
          validateOptions.root,
          validation.then((r) => r.workTreeClean),
        );
        const result = await validation;
        printValidation(result, options.format);
        if (hasErrors(result.diagnostics)) {
          process.stderr.write("Build stopped: fix the errors above. Nothing was written.\n");
          process.exitCode = EXIT_CODES.problems;
          return;
        }
        const serial = await serialOf(options, validateOptions.root);
        // Checks the index files were built with this hosting.
        const input = indexBuildInput(result, indexHosting);
        const summary = await buildRegistry(input, options.out, { serial, expires }, keys, reviews, {
          ...(siteUrl ? { siteUrl } : {}),
          hostBudgetBytes,
          ...(privateRoot ? { nextcloudPrivateRoot: privateRoot } : {}),
          ...(options.helmKeyring ? { helmKeyring: options.helmKeyring } : {}),
          ...(options.ledgerFrom !== undefined && !options.ledgerFrom.endsWith(".json")
            ? { previousPublish: options.ledgerFrom }
            : {}),
          ...(hosting ? { releaseAssets: { ...hosting, outDir: options.releaseAssetsOut } } : {}),
          ...(await sourceCommit.then((commit) => (commit ? { sourceCommit: commit } : {}))),
          staging,
        });
        built = true;
        await reportBuild(summary, result, options, validateOptions, restored);
      } finally {
        if (!built) await staging.discard();
      }
    });
}

/** What a finished build prints and annotates: warnings, the unavailable versions, the job summary, the text summary. */
async function reportBuild(
  summary: BuildSummary,
  result: { diagnostics: Diagnostic[]; ledger?: Record<string, LedgerEntry> | undefined },
  options: BuildOptions,
  validateOptions: { ledger?: LedgerContext },
  restored: { note: string } | undefined,
): Promise<void> {
  for (const w of summary.warnings) process.stderr.write(`warning: ${w}\n`);
  const unavailable = result.diagnostics.filter((d) => d.ruleId === "artifact/unavailable");
  if (options.annotate) annotateDiagnostics(unavailable);
  if (options.annotate && process.env.GITHUB_STEP_SUMMARY) {
    const recorded = Object.values(result.ledger ?? {});
    const fresh = recorded.filter((e) => e.verifiedAt === validateOptions.ledger?.now).length;
    await writePublishSummary({
      serial: summary.serial,
      expires: summary.expires,
      apps: summary.apps,
      versions: summary.versions,
      unavailable,
      ...(restored
        ? { ledgerNote: restored.note, artifactsFresh: fresh, artifactsFromLedger: recorded.length - fresh }
        : {}),
    });
  }
  if (options.format === "text") {
    process.stdout.write(
      `Wrote ${summary.outDir}/index.json (${summary.indexBytes} bytes, serial ${summary.serial}, expires ${summary.expires}): ${summary.apps} apps, ${summary.versions} versions, ${summary.files} files.\n`,
    );
    if (summary.hosted.count > 0)
      process.stdout.write(
        `Hosted ${summary.hosted.count} artifact copies (${summary.hosted.bytes} bytes) ${options.releaseAssets ? `as release assets of ${options.releaseAssets} (written to ${options.releaseAssetsOut}/ for upload)` : "under artifacts/"}${summary.provenance > 0 ? `, with ${summary.provenance} Helm provenance files (.prov)` : ""}.\n`,
      );
    process.stdout.write(
      summary.signedBy.length > 0
        ? `Signed with ${summary.signedBy.join(", ")}.\n`
        : "Unsigned: no index.json.sig was written (no --key). Clients refuse an unsigned index unless given --allow-unsigned; sign with 'appshelf sign --key <file>'.\n",
    );
  }
}

async function serialOf(options: BuildOptions, root: string): Promise<number> {
  if (options.serial !== undefined) {
    const n = Number(options.serial);
    if (!Number.isSafeInteger(n) || n < 0)
      throw new UsageError(`--serial must be a non-negative integer, not '${options.serial}'`);
    return n;
  }
  const commits = (await countCommits(root)) ?? 1;
  return chooseSerial(commits, options.serialAfter ? await readLiveSerial(options.serialAfter) : undefined);
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
