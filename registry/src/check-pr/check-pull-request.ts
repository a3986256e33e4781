import { readdir } from "node:fs/promises";
import path from "node:path";
import { listChanges } from "../git/list-changes.ts";
import { listBlobs, readFilesAt } from "../git/read-at-commit.ts";
import { resolveCommits } from "../git/resolve-commits.ts";
import { parseYaml, type ParsedYaml } from "../manifest/parse-yaml.ts";
import { decidePr } from "../pr/decide-pr.ts";
import { groupChanges } from "../pr/group-changes.ts";
import { planBaseReads } from "../pr/plan-base-reads.ts";
import { sortDiagnostics } from "../report/diagnostic.ts";
import { toPrResult, type PrResult } from "./pr-result.ts";
import type { RegistryRunOptions } from "../run/run-options.ts";
import { validateRegistry } from "../run/validate-registry.ts";
import { publishersNeeded } from "./publishers-needed.ts";
import { readBaseNames } from "./read-base-names.ts";
import type { PreviousPublish } from "./read-previous-names.ts";
import { nativeNamesOf } from "../names/native-names.ts";
import type { VersionManifest } from "../manifest/types.ts";
import type { PrFacts } from "../pr/pr-facts.ts";
import { checkPublishers } from "../publisher/check-publishers.ts";
import { publisherPath } from "../publisher/publisher-record.ts";
import { loadReviewPolicy } from "../review/load-policy.ts";
import { POLICY_PATH } from "../review/review-policy.ts";
import type { AppFacts } from "../validate/rules/index.ts";
import { capPerFile } from "../report/cap-diagnostics.ts";
import { parseManifestText } from "../manifest/text-encoding.ts";
import { UsageError } from "../errors/appshelf-error.ts";

/** Everything `check-pr` needs, read once from the command line. */
export interface CheckPrInputs {
  /** Base branch or commit of the pull request. */
  base: string;
  /** Head commit; must be the checked-out commit (validation reads the working tree). */
  head: string;
  /** GitHub login of the author; ownership is not checked without it. */
  author: string | undefined;
  /** Admins besides the base policy's `roles.admin.users` (e.g. its admin team's members, read by the workflow). */
  admins?: readonly string[];
  /** The pull request's number, when known: a suspension must name it. */
  pullRequest?: number;
  /**
   * The last publish, whose signed name table gives the names other apps hold at the merge
   * base without reading every version file (`--previous`); without it, or when it cannot be
   * trusted, every version file of the merge base is read (see `readBaseNames`).
   */
  previous?: PreviousPublish;
  /**
   * How to validate the touched apps (`apps` is chosen by the check). `root` is the
   * absolute registry root: the top folder of the Git work tree, checked out at head.
   */
  validate: Omit<RegistryRunOptions, "apps">;
}

/**
 * Checks a pull request: gathers facts (Git: merge base, changed paths with renames, base
 * side of changed manifests; one `readdir` of `apps/`; validation of the touched apps
 * only, or of every app when `schema/` changed; the names other apps hold at the merge
 * base, `readBaseNames`), decides with the pure `decidePr`, and returns the result. Cost
 * grows with the change, not with the registry, when `previous` gives a trusted name table;
 * without one, the names are read from every version file of the merge base.
 *
 * @throws InputError when a ref is unknown, the histories are unrelated, or `root` is not the
 *   top of a Git work tree (`resolveCommits`); UsageError when `head` is not checked out
 */
export async function checkPullRequest(inputs: CheckPrInputs): Promise<PrResult> {
  const { root } = inputs.validate;
  const commits = await resolveCommits(root, inputs.base, inputs.head);
  if (commits.head !== commits.worktree)
    throw new UsageError(
      `--head ${inputs.head} is not the checked-out commit; check-pr validates the working tree, so check out ${inputs.head} first`,
    );
  const changes = await listChanges(root, commits.mergeBase, commits.head);
  const grouped = groupChanges(changes);
  const reads = planBaseReads(grouped);
  const versionFiles = (await listBlobs(root, commits.mergeBase, reads.versionFolders)).filter((p) =>
    p.endsWith(".yaml"),
  );
  const base = new Map<string, ParsedYaml>();
  for (const [file, text] of await readFilesAt(root, commits.mergeBase, [...reads.files, ...versionFiles]))
    base.set(file, parseManifestText(file, text));
  const headAppIds = await listAppIds(root);
  const touched = new Set(grouped.apps.map((a) => a.id).filter((id) => headAppIds.includes(id)));
  const schemaChanged = grouped.registry.some((p) => p.startsWith("schema/"));
  const validation = await validateRegistry({
    ...inputs.validate,
    apps: schemaChanged ? undefined : touched,
    ...(schemaChanged ? {} : { onlyPublishers: await publishersNeeded(root, touched, grouped.registry) }),
  });
  const head = new Map<string, ParsedYaml>();
  for (const app of validation.apps) {
    if (app.app) head.set(app.app.parsed.file, app.app.parsed);
    for (const v of app.versions) head.set(v.parsed.file, v.parsed);
  }
  const local = {
    mirrors: inputs.validate.mirrors,
    ...(inputs.validate.cacheDir !== undefined ? { cacheDir: inputs.validate.cacheDir } : {}),
  };
  const baseFacts = await readBaseFacts(root, commits.mergeBase, validation.apps, inputs.admins ?? []);
  const baseNames = await readBaseNames(
    root,
    commits.mergeBase,
    local,
    new Set(grouped.apps.map((a) => a.id)),
    inputs.previous,
  );
  const ownedNames = baseNames.names.map(({ kind, name, app }) => ({ kind, name, app }));
  const claims = validation.apps
    .filter((a) => touched.has(a.folder))
    .flatMap((a) => {
      const versions = a.versions.filter((v) => v.valid).map((v) => v.data as VersionManifest);
      const files = new Map(a.versions.map((v) => [v.data as VersionManifest, v.parsed.file]));
      return nativeNamesOf(
        a.folder,
        versions,
        validation.metadata.get(a.folder),
        (v) => files.get(v) ?? `apps/${a.folder}`,
      );
    });
  const decision = decidePr({
    author: inputs.author,
    changes,
    headAppIds,
    base,
    head,
    claims,
    ...baseFacts,
    ownedNames,
    ...(inputs.pullRequest !== undefined ? { pullRequest: inputs.pullRequest } : {}),
  });
  return toPrResult(decision, {
    base: { ref: inputs.base, sha: commits.base },
    head: { ref: inputs.head, sha: commits.head },
    mergeBase: commits.mergeBase,
    author: inputs.author,
    validated: { apps: validation.counts.apps, versions: validation.counts.versions },
    diagnostics: capPerFile(sortDiagnostics([...validation.diagnostics, ...decision.diagnostics])),
    renders: decision.apps
      .flatMap((a) => a.versions)
      .flatMap((v) => {
        const metadata = validation.metadata.get(v.app)?.get(`${v.delivery}/${v.version}`);
        const render =
          metadata && "helm" in metadata
            ? metadata.helm.render
            : metadata && "compose" in metadata
              ? metadata.compose.render
              : undefined;
        return render ? [{ app: v.app, delivery: v.delivery, version: v.version, render }] : [];
      }),
    ...(validation.counts.helm ? { helm: validation.counts.helm } : {}),
    baseNames: { source: baseNames.source, note: baseNames.note },
  });
}

/**
 * What check-pr reads from the merge base beyond the changed files (a few reads whatever
 * the registry's size): admins from the review policy's `roles.admin.users` (plus `extra`);
 * and the publisher records the touched apps name. (The native names held there are read
 * by `readBaseNames`.)
 */
async function readBaseFacts(
  root: string,
  rev: string,
  apps: readonly AppFacts[],
  extra: readonly string[],
): Promise<Pick<PrFacts, "admins" | "publishers">> {
  const ids = [
    ...new Set(
      apps
        .flatMap((a) => [a.app?.data.publisher, ...a.versions.map((v) => v.data.packagedBy)])
        .filter((id): id is string => typeof id === "string"),
    ),
  ];
  const texts = await readFilesAt(root, rev, [POLICY_PATH, ...ids.map(publisherPath)]);
  const policy = texts.get(POLICY_PATH);
  const admins = [...extra, ...(policy === undefined ? [] : adminUsers(policy))];
  const publishers = checkPublishers(
    [...texts].filter(([file]) => file !== POLICY_PATH).map(([file, text]) => parseYaml(file, text)),
  ).records;
  return { admins, publishers };
}

/** `roles.admin.users` of a policy file's text; none when it does not parse (the gate reports a broken policy). */
function adminUsers(text: string): string[] {
  try {
    return loadReviewPolicy(POLICY_PATH, text).roles.admin.users;
  } catch {
    return [];
  }
}

/** App ids at head: the folder names under `apps/`, from one directory listing (nothing is parsed). */
async function listAppIds(root: string): Promise<string[]> {
  const entries = await readdir(path.join(root, "apps"), { withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isDirectory() && !e.name.startsWith(".")).map((e) => e.name);
}
