/**
 * `npm run demo:lifecycle`: replays the seed journey of the review lifecycle on a local Git
 * repository in a temp folder, with GitHub simulated in memory and the real engine
 * everywhere else (check-pr, the pure `decide`, `appshelf build`), printing each state:
 *
 * 1. @wp-packager submits WordPress as a draft, marks it ready, the check runs and passes;
 *    isv (the other maintainer), business and technical approve; it is merged and
 *    `appshelf build` publishes it: released in the index, with its review record.
 * 2. A new version (compose 6.8.3) as an upgrade: isv and technical, merged, the index's
 *    latest compose version moves up.
 * 3. A suspension of compose 6.8.2: two admins approve, merged, suspended in the shard.
 * 4. An admin who is no maintainer of WordPress takes the whole app down with a reason:
 *    check-pr accepts it (admins may suspend any app), two other admins approve, merged;
 *    the built index and `appshelf show` carry the reason, date and pull request.
 *
 * Each merge is built with `appshelf build --reviews`: the review ledger is collected from
 * the local Git history by the publish job's own collector (`collectReviewLedger`), with
 * the simulated GitHub answering which pull request each merge commit is and what the gate
 * decided; the journey ends with a shard that holds the review record of every merged pull
 * request.
 *
 * Each line reads `<what happened> -> <state> ...`. Exit code 1 when the journey does not
 * go as described (so it doubles as an end-to-end test). Options: --keep (leave the temp
 * repository), --mirror <dir> (artifact mirror; default ../shared/corpus), --out <dir>
 * (copy the last built index there).
 */
import { execFile } from "node:child_process";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs, promisify } from "node:util";
import {
  collectReviewLedger,
  decide,
  loadReviewPolicy,
  type LocalHistory,
  LocalPullRequest,
  makeReviewRecord,
  POLICY_PATH,
  type ReviewDecision,
  type ReviewPolicy,
  type ReviewRecord,
  type ReviewSource,
  startLocalHistory,
} from "../registry/src/api.ts";
import { readLocalPullRequest } from "./demo/read-local-pull-request.ts";

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const { values } = parseArgs({
  options: {
    keep: { type: "boolean", default: false },
    mirror: { type: "string", default: path.resolve(REPO, "../shared/corpus") },
    out: { type: "string" },
  },
});
const ROLES = { business: ["biz-ann"], technical: ["tech-cy", "tech-di"], admin: ["adm-ed", "adm-flo", "adm-gus"] };
/** The publisher record the WordPress packagers speak for (their logins may attach apps to it). */
const WP_PUBLISHER =
  "id: wp-community\nname: WordPress community packagers\nurl: https://wordpress.org\ngithub:\n  logins: [wp-packager, wp-lead]\nverification:\n  state: unverified\n";
const run = promisify(execFile);

/** The simulated clock: one hour per step from 2026-05-04 09:00 UTC. */
let hour = 0;
const tick = () => new Date(Date.UTC(2026, 4, 4, 9 + hour++)).toISOString().replace(".000Z", "Z");

function line(event: string, outcome: string): void {
  console.log(`  ${event.padEnd(46)} -> ${outcome}`);
}

function fail(message: string): never {
  throw new Error(`the journey went wrong: ${message}`);
}

/** Decides, shows and applies (as GitHub would) the gate's decision for the pull request now. */
function judge(
  pr: LocalPullRequest,
  policy: ReviewPolicy,
  event: string,
  expected: ReviewDecision["state"],
): ReviewDecision {
  pr.update({ now: tick() });
  const d = decide(pr.snapshot, policy);
  pr.apply(d);
  const asks = [...d.next.teams, ...d.next.users].map((l) => `@${l}`).join(" ");
  line(
    event,
    `${d.state.padEnd(9)} ${d.status.state.padEnd(7)} "${d.status.description}"${asks ? `  asks ${asks}` : ""}`,
  );
  if (d.state !== expected) fail(`expected ${expected} after "${event}", got ${d.state}: ${d.reasons.join("; ")}`);
  return d;
}

/** Opens a pull request from a new branch holding `change`, with the check running. */
async function open(
  history: LocalHistory,
  number: number,
  title: string,
  author: string,
  draft: boolean,
  change: () => Promise<void>,
): Promise<LocalPullRequest> {
  console.log(`\n#${number} ${title} (@${author})`);
  await history.checkout("main");
  await history.branch(`pr-${number}`);
  await change();
  const at = tick();
  await history.commitAll(title, author, at);
  const local = await readLocalPullRequest(history.root, {
    number,
    title,
    author,
    at,
    draft,
    roles: ROLES,
    mirror: values.mirror ?? "",
  });
  const pr = new LocalPullRequest(local.snapshot);
  checkResults.set(pr, local.facts);
  return pr;
}
const checkResults = new Map<LocalPullRequest, Awaited<ReturnType<typeof readLocalPullRequest>>["facts"]>();

/** The pull-request check finishes: its result becomes visible to the gate. */
function checkDone(pr: LocalPullRequest): string {
  const facts = checkResults.get(pr) ?? fail("no check result");
  if (!facts.ok) fail(`check-pr found ${facts.errors} errors`);
  pr.update({ check: { conclusion: "success", result: facts } });
  return `check-pr: ${facts.kinds.join(", ")} of ${facts.apps.map((a) => a.id).join(", ")}, ok`;
}

/** The simulated GitHub's merged pull requests, by merge commit. */
const merged = new Map<string, { number: number; record: ReviewRecord }>();
const simulatedGitHub: ReviewSource = {
  pullRequestOf: async (commit) => merged.get(commit)?.number,
  async outcomeOf(number, commit) {
    const found = merged.get(commit);
    if (found?.number !== number) fail(`no merged pull request #${number} at ${commit}`);
    return { gate: "approved", record: found.record };
  },
};

/** Merges the pull request into main and runs `appshelf build --reviews` on the merged tree; returns the merge SHA and the shard of `app`. */
async function mergeAndBuild(
  history: LocalHistory,
  pr: LocalPullRequest,
  decision: ReviewDecision,
  app: string,
): Promise<{ sha: string; shard: Shard; latest: Record<string, { version: string }> }> {
  if (decision.state !== "approved") fail("merging a pull request the gate did not approve");
  await history.checkout("main");
  const number = pr.snapshot.pullRequest.number;
  const at = tick();
  const sha = await history.merge(`pr-${number}`, `Merge pull request #${number}`);
  const record = makeReviewRecord(decision, {
    number,
    url: pr.snapshot.pullRequest.url,
    mergeCommit: sha,
    mergedAt: at,
  });
  merged.set(sha, { number, record });
  const ledger = path.join(history.root, LEDGER);
  await writeFile(
    ledger,
    `${JSON.stringify(await collectReviewLedger(history.root, "main", simulatedGitHub), null, 2)}\n`,
  );
  const out = path.join(history.root, "dist");
  await run(
    process.execPath,
    [
      path.join(REPO, "bin/appshelf.js"),
      "build",
      "--root",
      history.root,
      "--out",
      out,
      "--offline",
      "--mirror",
      values.mirror ?? "",
      "--no-cache",
      "--reviews",
      ledger,
    ],
    { cwd: history.root },
  );
  const shard = JSON.parse(await readFile(path.join(out, "apps", `${app}.json`), "utf8")) as Shard;
  const latest = await readLatest(out, app);
  const who = record.stages.map((s) => `${s.role} ${s.approvals.map((a) => `@${a.login}`).join("+")}`).join(", ");
  line(`merged as ${sha.slice(0, 7)}, appshelf build`, `review record: #${number} ${who}`);
  return { sha, shard, latest };
}

/** The review ledger's file in the demo repository (ignored by Git). */
const LEDGER = "reviews.json";

interface Shard {
  status?: string;
  suspension?: { reason: string; date: string; pullRequest: number };
  versions: { version: string; delivery: string; status: string; review?: { release: Outcome; changes: Outcome[] } }[];
}
type Outcome = { gate: string; record?: { pullRequest: number } };

/** Pull request numbers whose review record the shard holds (release or later change of any version). */
function recordedPullRequests(shard: Shard): number[] {
  const numbers = shard.versions
    .flatMap((v) => (v.review ? [v.review.release, ...v.review.changes] : []))
    .flatMap((o) => (o.record ? [o.record.pullRequest] : []));
  return [...new Set(numbers)].sort((a, b) => a - b);
}

/** Latest version per delivery of an app: catalog.json (index format 2), else index.json (format 1). */
async function readLatest(out: string, app: string): Promise<Record<string, { version: string }>> {
  const catalog = await readFile(path.join(out, "catalog.json"), "utf8").catch(() =>
    readFile(path.join(out, "index.json"), "utf8"),
  );
  const entry = (
    JSON.parse(catalog) as { apps: { id: string; latest: Record<string, { version: string }> }[] }
  ).apps.find((a) => a.id === app);
  return entry?.latest ?? {};
}

function statusOf(shard: Shard, delivery: string, version: string): string {
  return shard.versions.find((v) => v.delivery === delivery && v.version === version)?.status ?? "absent";
}

const root = await mkdtemp(path.join(tmpdir(), "appshelf-demo-"));
try {
  console.log(
    `Appshelf review lifecycle: a local registry in ${root}; GitHub is simulated, the rest is the real engine.`,
  );
  for (const dir of ["schema", "apps/gitea", ".github/appshelf/publishers"])
    await cp(path.join(REPO, dir), path.join(root, dir), { recursive: true });
  await cp(path.join(REPO, POLICY_PATH), path.join(root, POLICY_PATH));
  await writeFile(path.join(root, ".gitignore"), `dist/\n${LEDGER}\n`);
  await writeFile(path.join(root, ".github/appshelf/publishers/wp-community.yaml"), WP_PUBLISHER);
  const history = await startLocalHistory(root);
  await history.commitAll("registry with gitea", "adm-ed", tick());
  const policy = loadReviewPolicy(POLICY_PATH, await readFile(path.join(root, POLICY_PATH), "utf8"));

  // 1. submit WordPress
  const submit = await open(history, 1, "Add WordPress", "wp-packager", true, async () => {
    await cp(path.join(REPO, "apps/wordpress"), path.join(root, "apps/wordpress"), { recursive: true });
    const manifest = path.join(root, "apps/wordpress/app.yaml");
    await writeFile(
      manifest,
      (await readFile(manifest, "utf8"))
        .replace("maintainers: [bitnami]", "maintainers: [wp-packager, wp-lead]")
        .replace("publisher: bitnami", "publisher: wp-community"),
    );
    const compose = path.join(root, "apps/wordpress/versions/compose/6.8.2.yaml");
    await writeFile(compose, (await readFile(compose, "utf8")).replace("packagedBy: appshelf\n", ""));
  });
  judge(submit, policy, "opened as a draft", "draft");
  submit.update({ pullRequest: { draft: false } });
  judge(submit, policy, "marked ready; the check runs", "checking");
  judge(submit, policy, checkDone(submit), "in-review");
  submit.review("wp-lead", "APPROVED", tick());
  judge(submit, policy, "@wp-lead (maintainer) approves: isv", "in-review");
  submit.review("biz-ann", "APPROVED", tick());
  judge(submit, policy, "@biz-ann approves: business", "in-review");
  submit.review("tech-cy", "APPROVED", tick());
  const approved = judge(submit, policy, "@tech-cy approves: technical", "approved");
  const first = await mergeAndBuild(history, submit, approved, "wordpress");
  const released = first.shard.versions.map((v) => `${v.version} (${v.delivery}) ${v.status}`).join(", ");
  line("in the index", `released: wordpress ${released}`);
  if (first.shard.versions.some((v) => v.status !== "released") || first.shard.versions.length === 0)
    fail("WordPress is not released");

  // 2. a new version as an upgrade
  const upgrade = await open(history, 2, "WordPress 6.8.3 (compose)", "wp-packager", false, async () => {
    const from = path.join(root, "apps/wordpress/versions/compose/6.8.2.yaml");
    await writeFile(
      path.join(root, "apps/wordpress/versions/compose/6.8.3.yaml"),
      (await readFile(from, "utf8")).replace('version: "6.8.2"', 'version: "6.8.3"'),
    );
  });
  judge(upgrade, policy, "opened; the check runs", "checking");
  judge(upgrade, policy, checkDone(upgrade), "in-review");
  upgrade.review("wp-lead", "APPROVED", tick());
  judge(upgrade, policy, "@wp-lead approves: isv", "in-review");
  upgrade.review("tech-di", "APPROVED", tick());
  const upgraded = await mergeAndBuild(
    history,
    upgrade,
    judge(upgrade, policy, "@tech-di approves: technical", "approved"),
    "wordpress",
  );
  line(
    "in the index",
    `released: compose ${first.latest.compose?.version ?? "?"} -> ${upgraded.latest.compose?.version ?? "?"} (latest compose version)`,
  );
  if (upgraded.latest.compose?.version !== "6.8.3")
    fail("the index does not offer compose 6.8.3 as the latest version");

  // 3. a suspension
  const suspend = await open(history, 3, "Suspend WordPress 6.8.2 (compose)", "wp-packager", false, async () => {
    const file = path.join(root, "apps/wordpress/versions/compose/6.8.2.yaml");
    await writeFile(
      file,
      (await readFile(file, "utf8")).replace(
        "status: released",
        'status: suspended\nsuspension:\n  reason: MariaDB 11.8.3 image has a data-loss bug; use 6.8.3\n  date: "2026-05-04"\n  pullRequest: 3',
      ),
    );
  });
  judge(suspend, policy, "opened; the check runs", "checking");
  judge(suspend, policy, checkDone(suspend), "in-review");
  suspend.review("adm-ed", "APPROVED", tick());
  judge(suspend, policy, "@adm-ed approves: admin 1 of 2", "in-review");
  suspend.review("adm-flo", "APPROVED", tick());
  const suspended = await mergeAndBuild(
    history,
    suspend,
    judge(suspend, policy, "@adm-flo approves: admin 2 of 2", "approved"),
    "wordpress",
  );
  line(
    "in the index",
    `suspended: compose 6.8.2 is ${statusOf(suspended.shard, "compose", "6.8.2")}; latest compose ${suspended.latest.compose?.version ?? "none"}`,
  );
  if (statusOf(suspended.shard, "compose", "6.8.2") !== "suspended")
    fail("compose 6.8.2 is not suspended in the shard");
  const recorded = recordedPullRequests(suspended.shard);
  const histories = suspended.shard.versions.map(
    (v) =>
      `${v.version} (${v.delivery}) ${v.review ? [v.review.release, ...v.review.changes].map((o) => (o.record ? `#${o.record.pullRequest}` : o.gate)).join(" then ") : "no review"}`,
  );
  line("review records in the wordpress shard", histories.join(", "));
  if (recorded.join(",") !== "1,2,3")
    fail(`the shard holds the review records of pull requests ${recorded.join(", ") || "none"}, not #1, #2 and #3`);

  // 4. an admin (no maintainer of WordPress) takes the app down, with a reason
  const reason = "the bundled image ships a cryptominer (CVE-2026-0001)";
  const takedown = await open(history, 4, "Suspend WordPress", "adm-ed", false, async () => {
    const file = path.join(root, "apps/wordpress/app.yaml");
    await writeFile(
      file,
      (await readFile(file, "utf8")).replace(
        "status: active",
        `status: suspended\nsuspension:\n  reason: ${reason}\n  date: "2026-05-04"\n  pullRequest: 4`,
      ),
    );
  });
  judge(takedown, policy, "opened by @adm-ed (admin); the check runs", "checking");
  judge(takedown, policy, checkDone(takedown), "in-review");
  takedown.review("adm-flo", "APPROVED", tick());
  judge(takedown, policy, "@adm-flo approves: admin 1 of 2", "in-review");
  takedown.review("adm-gus", "APPROVED", tick());
  const down = await mergeAndBuild(
    history,
    takedown,
    judge(takedown, policy, "@adm-gus approves: admin 2 of 2", "approved"),
    "wordpress",
  );
  const out = path.join(history.root, "dist");
  const catalog = JSON.parse(await readFile(path.join(out, "catalog.json"), "utf8")) as {
    apps: { id: string; status: string; suspension?: { reason: string } }[];
  };
  const entry = catalog.apps.find((a) => a.id === "wordpress");
  line(
    "in the index",
    `wordpress is ${down.shard.status ?? "?"}: "${down.shard.suspension?.reason ?? "no reason"}" (catalog: ${entry?.suspension?.reason ?? "no reason"})`,
  );
  if (
    down.shard.status !== "suspended" ||
    down.shard.suspension?.reason !== reason ||
    entry?.suspension?.reason !== reason
  )
    fail("the index does not carry the suspension and its reason");
  const shown = await run(
    process.execPath,
    [
      path.join(REPO, "bin/appshelf.js"),
      "show",
      "wordpress",
      "--registry",
      out,
      "--allow-unsigned",
      "--no-state",
      "--no-cache",
    ],
    { cwd: history.root },
  );
  const said = shown.stdout.split("\n").find((l) => l.startsWith("suspended on")) ?? "";
  line("appshelf show wordpress", said || "(no suspension line)");
  if (!said.includes(reason) || !said.includes("#4")) fail("appshelf show does not give the reason");
  if (values.out) {
    await rm(values.out, { recursive: true, force: true });
    await cp(path.join(root, "dist"), values.out, { recursive: true });
    line(`index copied`, values.out);
  }
  console.log("\nThe journey went as described.");
} catch (error) {
  console.error(`\n${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  if (values.keep) console.log(`(kept ${root})`);
  else await rm(root, { recursive: true, force: true });
}
