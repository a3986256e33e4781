import { readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkPullRequest } from "../../src/check-pr/check-pull-request.ts";
import { readBaseNames } from "../../src/check-pr/read-base-names.ts";
import { scanBaseNames } from "../../src/check-pr/scan-base-names.ts";
import { sha256Hex } from "../../src/artifact/digest.ts";
import { decodeNameTable } from "../../src/names/name-table.ts";
import { signDir } from "../../src/signing/sign-dir.ts";
import { generateSigningKey, loadSigningKey } from "../../src/signing/signing-keys.ts";
import { aPrRepo, type PrRepo } from "../pr/pr-repo.ts";
import { runAppshelf } from "../run-appshelf.ts";
import { CORPUS, tempDir } from "../temp-registry.ts";
import { trustedKeysOf } from "../trusted-keys-of.ts";

// check-pr --previous: the names other apps hold at the merge base come from the last
// publish's signed name table (names.json, pinned from index.json with source.commit) and
// the apps changed since. It must give the same names as reading every base file, and a
// table that cannot be trusted must never drop a name.

const key = loadSigningKey(generateSigningKey().privatePem);
const trusted = trustedKeysOf(key);
const LOCAL = { mirrors: [CORPUS] };
const TAIL = `status: released\nreleased: "2026-01-02"\n`;
const ARTIFACT = `artifact:\n  url: https://charts.example.org/x-1.0.0.tgz\n  sha256: ${"a".repeat(64)}\n  size: 1\n`;
const triples = (names: readonly { kind: string; name: string; app: string }[]) =>
  [...new Set(names.map((n) => `${n.app} ${n.kind} ${n.name}`))].sort();

/**
 * Publishes `main` of a repository holding wordpress, emqx, gitea and a Compose app whose
 * project is not its id (built with the CLI, signed), then moves `main` on (emqx declares
 * another chart name, a new app arrives, gitea is deleted) and starts the `pr` branch there.
 */
async function publishedThenMoved(): Promise<{ r: PrRepo; dist: string; mergeBase: string }> {
  const compose = "name: shared-project\nservices:\n  web:\n    image: nginx:1.27\n";
  const r = await aPrRepo(["wordpress", "emqx", "gitea"], async (base) => {
    await base.write("apps/q-app/app.yaml", (await base.read("apps/emqx/app.yaml")).replace("id: emqx", "id: q-app"));
    await base.write("apps/q-app/icon.svg", await base.read("apps/emqx/icon.svg"));
    await base.write("apps/q-app/compose.yaml", compose);
    await base.write(
      "apps/q-app/versions/compose/1.0.0.yaml",
      `version: "1.0.0"\ndelivery: compose\nartifact:\n  path: compose.yaml\n  sha256: ${sha256Hex(Buffer.from(compose))}\n  size: ${compose.length}\n${TAIL}`,
    );
  });
  const dist = path.join(await tempDir(), "dist");
  const build = await runAppshelf(["build", "--root", r.root, "--mirror", CORPUS, "--offline", "--out", dist]);
  expect(build.code, build.stderr).toBe(0);
  await signDir(dist, [key]);
  await r.git.checkout("main");
  await r.edit("apps/emqx/versions/helm/5.8.5.yaml", "delivery: helm\n", "delivery: helm\nchart: emqx-renamed\n");
  await r.write("apps/late/app.yaml", (await r.read("apps/emqx/app.yaml")).replace("id: emqx", "id: late"));
  await r.write(
    "apps/late/versions/helm/1.0.0.yaml",
    `version: "1.0.0"\ndelivery: helm\nchart: late-chart\n${ARTIFACT}${TAIL}`,
  );
  await r.remove("apps/gitea");
  await r.commit("main moves on after the publish");
  const mergeBase = (await r.git.revparse(["HEAD"])).trim();
  await r.git.raw(["checkout", "-B", "pr"]);
  return { r, dist, mergeBase };
}

describe("check-pr --previous: the published name table", () => {
  it("gives the same names as reading every base file, the inspected Compose project included, re-reading only the changed apps", async () => {
    const { r, dist, mergeBase } = await publishedThenMoved();
    const index = JSON.parse(await readFile(path.join(dist, "index.json"), "utf8"));
    expect(index.source.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(index.source.commit).not.toBe(mergeBase);
    const table = decodeNameTable(await readFile(path.join(dist, "names.json")), "names.json");
    // The project the Compose file names (what the inspection read), and the declared one (the app id).
    expect(table.apps["q-app"]).toEqual([
      { kind: "Compose project", name: "q-app", files: ["compose/1.0.0.yaml"] },
      { kind: "Compose project", name: "shared-project", files: ["compose/1.0.0.yaml"] },
    ]);
    expect(table.apps.gitea).toBeDefined();

    const full = triples(await scanBaseNames(r.root, mergeBase, LOCAL));
    const fromTable = await readBaseNames(r.root, mergeBase, LOCAL, new Set(), {
      location: dist,
      trustedKeys: trusted,
    });
    expect(fromTable.source).toBe("table");
    expect(fromTable.note).toContain("3 app(s) changed since or touched");
    expect(triples(fromTable.names)).toEqual(full);
    expect(full).toEqual(
      expect.arrayContaining([
        "q-app Compose project shared-project",
        "late helm chart late-chart",
        "emqx helm chart emqx-renamed",
      ]),
    );
    // gitea was deleted after the publish: the table's names for it are not held any more.
    expect(full.some((t) => t.startsWith("gitea "))).toBe(false);
  });

  it("a pull request claiming a name held only in the table (an inspected Compose project) or changed since fails pr/name-taken", async () => {
    const { r, dist } = await publishedThenMoved();
    await r.write("apps/claimer/app.yaml", (await r.read("apps/emqx/app.yaml")).replace("id: emqx", "id: claimer"));
    await r.write("apps/claimer/icon.svg", await r.read("apps/emqx/icon.svg"));
    await r.write(
      "apps/claimer/versions/helm/1.0.0.yaml",
      `version: "1.0.0"\ndelivery: helm\nchart: late-chart\n${ARTIFACT}${TAIL}`,
    );
    const compose = "name: shared-project\nservices:\n  web:\n    image: nginx:1.27\n";
    await r.write("apps/claimer/compose.yaml", compose);
    await r.write(
      "apps/claimer/versions/compose/1.0.0.yaml",
      `version: "1.0.0"\ndelivery: compose\nartifact:\n  path: compose.yaml\n  sha256: ${sha256Hex(Buffer.from(compose))}\n  size: ${compose.length}\n${TAIL}`,
    );
    await r.commit("head");
    const result = await checkPullRequest({
      base: "main",
      head: "HEAD",
      author: "emqx",
      validate: { root: r.root, mirrors: [CORPUS], offline: true, requireArtifacts: false },
      previous: { location: dist, trustedKeys: trusted },
    });
    expect(result.baseNames?.source).toBe("table");
    expect(result.diagnostics.filter((d) => d.ruleId === "pr/name-taken").map((d) => d.message)).toEqual([
      expect.stringContaining("'shared-project', which belongs to the app q-app"),
      expect.stringContaining("'late-chart', which belongs to the app late"),
    ]);
  });

  /** Ways a previous publish can fail to be trusted; each must fall back to reading every file. */
  const untrusted: [string, (dist: string) => Promise<{ trustedKeys?: typeof trusted }>][] = [
    ["unsigned", async (dist) => (await rm(path.join(dist, "index.json.sig")), {})],
    [
      "signed by a key not trusted",
      async () => ({ trustedKeys: trustedKeysOf(loadSigningKey(generateSigningKey().privatePem)) }),
    ],
    [
      "names.json changed after signing (pin mismatch)",
      async (dist) => (
        await writeFile(path.join(dist, "names.json"), dropQApp(await readFile(path.join(dist, "names.json")))), {}
      ),
    ],
    [
      "names.json and its pin changed, index not signed again (forged)",
      async (dist) => {
        const forged = dropQApp(await readFile(path.join(dist, "names.json")));
        await writeFile(path.join(dist, "names.json"), forged);
        const index = JSON.parse(await readFile(path.join(dist, "index.json"), "utf8"));
        index.names = { ...index.names, sha256: sha256Hex(forged), size: forged.length };
        await writeFile(path.join(dist, "index.json"), JSON.stringify(index));
        return {};
      },
    ],
    [
      "a source commit this clone does not have (signed)",
      async (dist) => {
        const index = JSON.parse(await readFile(path.join(dist, "index.json"), "utf8"));
        index.source = { commit: "0123456789abcdef0123456789abcdef01234567" };
        await writeFile(path.join(dist, "index.json"), JSON.stringify(index));
        await signDir(dist, [key]);
        return {};
      },
    ],
    [
      "no source commit (signed)",
      async (dist) => {
        const index = JSON.parse(await readFile(path.join(dist, "index.json"), "utf8"));
        delete index.source;
        await writeFile(path.join(dist, "index.json"), JSON.stringify(index));
        await signDir(dist, [key]);
        return {};
      },
    ],
    ["no registry there", async (dist) => (await rm(dist, { recursive: true }), {})],
  ];

  it.each(untrusted)(
    "a previous publish %s is not trusted: every base file is read, no name dropped",
    async (_, spoil) => {
      const { r, dist, mergeBase } = await publishedThenMoved();
      const { trustedKeys } = await spoil(dist);
      const read = await readBaseNames(r.root, mergeBase, LOCAL, new Set(), {
        location: dist,
        trustedKeys: trustedKeys ?? trusted,
      });
      expect(read.source).toBe("scan");
      expect(read.note).toContain("every version file of the merge base was read");
      expect(triples(read.names)).toEqual(triples(await scanBaseNames(r.root, mergeBase, LOCAL)));
      expect(triples(read.names)).toContain("q-app Compose project shared-project");
    },
  );
});

/** names.json bytes without q-app's entry (the name a forger would free). */
function dropQApp(bytes: Buffer): Buffer {
  const table = JSON.parse(bytes.toString("utf8"));
  delete table.apps["q-app"];
  return Buffer.from(JSON.stringify(table));
}
