import { describe, expect, it } from "vitest";
import { decidePr, type PrDecision } from "../../src/pr/decide-pr.ts";
import { appYaml, factsOf, versionYaml } from "./facts-builder.ts";

// The pure core: facts in, decision out. No Git, no file system.
const APP = "apps/x/app.yaml";
const V1 = "apps/x/versions/helm/1.0.0.yaml";
const rules = (d: PrDecision) => d.diagnostics.map((x) => `${x.ruleId} ${x.severity} ${x.file}`);

describe("decidePr: classification", () => {
  const editApp = (before: string, after: string, author = "alice") =>
    decidePr(factsOf({ author, changes: [`M ${APP}`], base: { [APP]: before }, head: { [APP]: after } }));

  it("app status and maintainers transitions", () => {
    expect(editApp(appYaml("x", ["alice"]), appYaml("x", ["alice"], "suspended")).kinds).toEqual(["suspension"]);
    expect(editApp(appYaml("x", ["alice"]), appYaml("x", ["alice", "bob"])).kinds).toEqual(["ownership-transfer"]);
    // A Nextcloud code-signing certificate added, replaced or removed is ownership-class too.
    const cert = (body: string) =>
      `nextcloud:\n  certificate: |\n    -----BEGIN CERTIFICATE-----\n    ${body}\n    -----END CERTIFICATE-----\n`;
    expect(
      editApp(appYaml("x", ["alice"], "active", cert("AAAA")), appYaml("x", ["alice"], "active", cert("BBBB"))).kinds,
    ).toEqual(["ownership-transfer"]);
    expect(editApp(appYaml("x", ["alice"]), appYaml("x", ["alice"], "active", cert("AAAA"))).kinds).toEqual([
      "ownership-transfer",
    ]);
    expect(
      editApp(
        appYaml("x", ["alice"], "active", cert("AAAA")),
        appYaml("x", ["alice"], "active", cert("AAAA") + "license: MIT\n"),
      ).kinds,
    ).toEqual(["metadata-edit"]);
    expect(editApp(appYaml("x", ["alice", "bob"]), appYaml("x", ["Bob", "alice"])).kinds).toEqual(["metadata-edit"]);
    expect(editApp(appYaml("x", ["alice"]), appYaml("x", ["alice"], "active", "license: MIT\n")).kinds).toEqual([
      "metadata-edit",
    ]);
    const back = editApp(appYaml("x", ["alice"], "suspended"), appYaml("x", ["alice"]));
    expect(back.kinds).toEqual(["reinstatement"]);
    expect(rules(back)).toEqual([`pr/status-change warning ${APP}`]);
  });

  it("version files: new, edited, suspended, reinstated, deleted", () => {
    const base = { [APP]: appYaml("x", ["alice"]), [V1]: versionYaml("1.0.0") };
    const kindsOf = (changes: string[], head: Record<string, string>) =>
      decidePr(factsOf({ author: "alice", changes, base, head: { [APP]: appYaml("x", ["alice"]), ...head } })).kinds;
    expect(
      kindsOf(["A apps/x/versions/helm/1.1.0.yaml"], { "apps/x/versions/helm/1.1.0.yaml": versionYaml("1.1.0") }),
    ).toEqual(["new-version"]);
    expect(kindsOf([`M ${V1}`], { [V1]: versionYaml("1.0.0", { changelog: "Fixed typo." }) })).toEqual([
      "metadata-edit",
    ]);
    expect(kindsOf([`M ${V1}`], { [V1]: versionYaml("1.0.0", { status: "suspended" }) })).toEqual(["suspension"]);
    expect(kindsOf([`D ${V1}`], {})).toEqual(["deletion"]);
    const reinstate = factsOf({
      author: "alice",
      changes: [`M ${V1}`],
      base: { [APP]: appYaml("x", ["alice"]), [V1]: versionYaml("1.0.0", { status: "suspended" }) },
      head: { [V1]: versionYaml("1.0.0") },
    });
    expect(decidePr(reinstate).kinds).toEqual(["reinstatement"]);
    expect(rules(decidePr(reinstate))).toEqual([`pr/status-change warning ${V1}`]);
  });

  it("a new app's versions and files belong to new-app", () => {
    const d = decidePr(
      factsOf({
        author: "alice",
        changes: [`A ${APP}`, `A ${V1}`, "A apps/x/icon.svg"],
        head: { [APP]: appYaml("x", ["alice"]), [V1]: versionYaml("1.0.0") },
      }),
    );
    expect(d.kinds).toEqual(["new-app"]);
    expect(d.apps).toEqual([
      {
        id: "x",
        kinds: ["new-app"],
        versions: [{ app: "x", delivery: "helm", version: "1.0.0", file: V1, kinds: ["new-version"] }],
      },
    ]);
    expect(d.diagnostics).toEqual([]);
  });

  it("a version moved to another app is a deletion in one and a new version in the other", () => {
    const moved = "apps/y/versions/helm/1.0.0.yaml";
    const d = decidePr(
      factsOf({
        author: "alice",
        changes: [`R ${V1} -> ${moved}`],
        base: {
          [APP]: appYaml("x", ["alice"]),
          "apps/y/app.yaml": appYaml("y", ["alice"]),
          [V1]: versionYaml("1.0.0"),
        },
        head: {
          [APP]: appYaml("x", ["alice"]),
          "apps/y/app.yaml": appYaml("y", ["alice"]),
          [moved]: versionYaml("1.0.0"),
        },
      }),
    );
    expect(d.apps.map((a) => [a.id, a.kinds])).toEqual([
      ["x", ["deletion"]],
      ["y", ["new-version"]],
    ]);
    expect(rules(d)).toEqual([`pr/released-version-deleted warning ${V1}`]);
  });

  it("paths outside app folders are registry changes, one warning each", () => {
    const d = decidePr(
      factsOf({
        author: "alice",
        changes: ["M .github/workflows/pull-request.yml", "A apps/README.md", "M schema/app.schema.json"],
      }),
    );
    expect(d.kinds).toEqual(["registry-change"]);
    expect(d.registryFiles).toEqual([".github/workflows/pull-request.yml", "apps/README.md", "schema/app.schema.json"]);
    expect(rules(d)).toEqual([
      "pr/registry-change warning .github/workflows/pull-request.yml",
      "pr/registry-change warning apps/README.md",
      "pr/registry-change warning schema/app.schema.json",
    ]);
    expect(d.diagnostics[0]?.message).toMatchInlineSnapshot(
      `".github/workflows/pull-request.yml is outside apps/<id>/: a registry change (workflow) that needs an admin's review"`,
    );
  });
});

describe("decidePr: immutability of released versions", () => {
  const edit = (before: string, after: string) =>
    decidePr(
      factsOf({
        author: "alice",
        changes: [`M ${V1}`],
        base: { [APP]: appYaml("x", ["alice"]), [V1]: before },
        head: { [APP]: appYaml("x", ["alice"]), [V1]: after },
      }),
    );

  it.each([
    [
      "artifact.sha256",
      versionYaml("1.0.0", { artifact: "{ url: https://example.org/a.tgz, sha256: bbbb, size: 10 }" }),
    ],
    ["artifact.url", versionYaml("1.0.0", { artifact: "{ url: https://example.org/b.tgz, sha256: aaaa, size: 10 }" })],
    ["artifact.size", versionYaml("1.0.0", { artifact: "{ url: https://example.org/a.tgz, sha256: aaaa, size: 11 }" })],
    [
      "artifact.path",
      versionYaml("1.0.0", { artifact: "{ path: a.tgz, url: https://example.org/a.tgz, sha256: aaaa, size: 10 }" }),
    ],
    ["version", versionYaml("1.0.1")],
    ["delivery", versionYaml("1.0.0").replace("delivery: helm", "delivery: vm")],
    ["chart", `${versionYaml("1.0.0")}chart: other\n`],
  ])("%s of a released or suspended version may not change", (field, after) => {
    for (const status of ["released", "suspended"]) {
      const d = edit(versionYaml("1.0.0", { status }), after.replace("status: released", `status: ${status}`));
      expect(rules(d)).toEqual([`pr/released-version-changed error ${V1}`]);
      expect(d.diagnostics[0]?.message).toContain(
        field === "artifact.sha256" ? "the sha256 of" : `${field} of ${status} version 1.0.0 (helm)`,
      );
    }
  });

  it("a released version file may not move to another version's name, even with its content unchanged", () => {
    const moved = "apps/x/versions/helm/1.0.1.yaml";
    const d = decidePr(
      factsOf({
        author: "alice",
        changes: [`R ${V1} -> ${moved}`],
        base: { [APP]: appYaml("x", ["alice"]), [V1]: versionYaml("1.0.0") },
        head: { [moved]: versionYaml("1.0.0") },
      }),
    );
    expect(rules(d)).toEqual([`pr/released-version-changed error ${moved}`]);
    expect(d.diagnostics[0]?.message).toBe(
      `released version 1.0.0 (helm) was moved from ${V1} to ${moved}; a released version never changes`,
    );
  });

  it("status and descriptive fields may change", () => {
    expect(
      rules(
        edit(
          versionYaml("1.0.0"),
          versionYaml("1.0.0", { status: "suspended", changelog: "Pulled: CVE.", suspension: "CVE in the image" }),
        ),
      ),
    ).toEqual([]);
  });

  it("a deleted released version is a warning for the review policy, not an error", () => {
    const d = decidePr(
      factsOf({
        author: "alice",
        changes: [`D ${V1}`],
        base: { [APP]: appYaml("x", ["alice"]), [V1]: versionYaml("1.0.0") },
        head: { [APP]: appYaml("x", ["alice"]) },
      }),
    );
    expect(d.diagnostics).toMatchObject([
      {
        ruleId: "pr/released-version-deleted",
        severity: "warning",
        file: V1,
        hint: "to stop new installs, set status: suspended instead of deleting the file",
      },
    ]);
  });

  it("the in-repo artifact file of a released version may not change, unless that version is deleted too", () => {
    const inRepo = versionYaml("1.0.0", { artifact: "{ path: compose.yaml, sha256: aaaa, size: 10 }" });
    const base = { [APP]: appYaml("x", ["alice"]), [V1]: inRepo };
    const head = { [APP]: appYaml("x", ["alice"]) };
    expect(
      rules(
        decidePr(
          factsOf({ author: "alice", changes: ["M apps/x/compose.yaml"], base, head: { ...head, [V1]: inRepo } }),
        ),
      ),
    ).toEqual(["pr/released-version-changed error apps/x/compose.yaml"]);
    expect(
      rules(decidePr(factsOf({ author: "alice", changes: ["D apps/x/compose.yaml", `D ${V1}`], base, head }))),
    ).toEqual([`pr/released-version-deleted warning ${V1}`]);
  });

  it("a file added as the in-repo artifact of a new version is part of that version; other files are metadata edits", () => {
    const v2 = "apps/x/versions/helm/2.0.0.yaml";
    const base = { [APP]: appYaml("x", ["alice"]) };
    const head = {
      [APP]: appYaml("x", ["alice"]),
      [v2]: versionYaml("2.0.0", { artifact: "{ path: compose-2.yaml, sha256: aaaa, size: 10 }" }),
    };
    expect(
      decidePr(factsOf({ author: "alice", changes: ["A apps/x/compose-2.yaml", `A ${v2}`], base, head })).kinds,
    ).toEqual(["new-version"]);
    expect(decidePr(factsOf({ author: "alice", changes: ["M apps/x/icon.svg"], base, head })).kinds).toEqual([
      "metadata-edit",
    ]);
  });
});

describe("decidePr: ownership", () => {
  const base = { [APP]: appYaml("x", ["alice"]), [V1]: versionYaml("1.0.0") };

  it("maintainers come from the base branch: listing yourself at head does not make you an owner", () => {
    const d = decidePr(
      factsOf({
        author: "mallory",
        changes: [`M ${APP}`],
        base,
        head: { [APP]: appYaml("x", ["alice", "mallory"], "active", "license: MIT\n") },
      }),
    );
    expect(d.kinds).toEqual(["metadata-edit", "ownership-transfer"]);
    expect(rules(d)).toEqual([`pr/not-maintainer warning ${APP}`]);
    const plain = decidePr(
      factsOf({
        author: "mallory",
        changes: [`M ${APP}`],
        base,
        head: { [APP]: appYaml("x", ["alice"], "active", "license: MIT\n") },
      }),
    );
    expect(rules(plain)).toEqual([`pr/not-maintainer error ${APP}`]);
  });

  it("no version may be pushed into somebody else's app, not even inside an ownership transfer", () => {
    const v2 = "apps/x/versions/helm/2.0.0.yaml";
    const d = decidePr(
      factsOf({
        author: "mallory",
        changes: [`M ${APP}`, `A ${v2}`],
        base,
        head: { [APP]: appYaml("x", ["mallory"]), [v2]: versionYaml("2.0.0") },
      }),
    );
    expect(rules(d)).toEqual([`pr/not-maintainer warning ${APP}`, `pr/version-into-foreign-app error ${v2}`]);
    expect(d.diagnostics[1]?.hint).toBe(
      "transfer the ownership in its own pull request first; publish versions once admins approved it",
    );
  });

  it("deleting somebody else's app is for admins only: a known admin may, anybody else is left to the gate's admin check", () => {
    const d = decidePr(factsOf({ author: "mallory", changes: [`D ${APP}`, `D ${V1}`], base, headAppIds: [] }));
    expect(d.kinds).toEqual(["deletion"]);
    expect(rules(d)).toEqual([
      `pr/takedown-by-non-maintainer warning ${APP}`,
      `pr/released-version-deleted warning ${V1}`,
    ]);
    const byAdmin = decidePr({
      ...factsOf({ author: "adm-ed", changes: [`D ${APP}`, `D ${V1}`], base, headAppIds: [] }),
      admins: ["adm-ed"],
    });
    expect(rules(byAdmin)).toEqual([`pr/released-version-deleted warning ${V1}`]);
  });

  it("the author of a new app must be one of its maintainers", () => {
    const facts = (author: string) =>
      factsOf({ author, changes: [`A ${APP}`], head: { [APP]: appYaml("x", ["alice"]) } });
    expect(rules(decidePr(facts("alice")))).toEqual([]);
    expect(rules(decidePr(facts("mallory")))).toEqual([`pr/not-maintainer error ${APP}`]);
  });
});

describe("decidePr: squatting", () => {
  const newApp = (id: string, existing: readonly string[]) =>
    decidePr(
      factsOf({
        author: "mallory",
        changes: [`A apps/${id}/app.yaml`],
        head: { [`apps/${id}/app.yaml`]: appYaml(id, ["mallory"]) },
        headAppIds: [...existing, id],
      }),
    );

  it("same skeleton as an existing id is an error; a near miss is a warning; short or distinct ids pass", () => {
    expect(rules(newApp("Word_Press", ["wordpress"]))).toEqual(["pr/near-duplicate-id error apps/Word_Press/app.yaml"]);
    expect(rules(newApp("rnysql", ["mysql"]))).toEqual(["pr/near-duplicate-id error apps/rnysql/app.yaml"]);
    expect(rules(newApp("wordpres", ["wordpress"]))).toEqual(["pr/near-duplicate-id warning apps/wordpres/app.yaml"]);
    expect(rules(newApp("nodes", ["notes"]))).toEqual(["pr/near-duplicate-id warning apps/nodes/app.yaml"]);
    expect(rules(newApp("gitea", ["gitlab", "tea", "redis"]))).toEqual([]);
    expect(rules(newApp("abd", ["abc"]))).toEqual([]);
    expect(newApp("wordpres", ["wordpress"]).diagnostics[0]?.message).toMatchInlineSnapshot(
      `"app id 'wordpres' is one edit away from the app 'wordpress'; an admin must confirm it is not squatting"`,
    );
    expect(newApp("w\u043erdpress", ["wordpress"]).diagnostics[0]?.message).toMatchInlineSnapshot(
      `"app id 'wоrdpress' is confusingly similar to the app 'wordpress': it contains U+043E 'о', look-alike characters that make it read as 'wordpress'"`,
    );
  });

  it("two new apps in one pull request are compared with each other", () => {
    const d = decidePr(
      factsOf({
        author: "mallory",
        changes: ["A apps/foo-bar/app.yaml", "A apps/foo_bar/app.yaml"],
        head: {
          "apps/foo-bar/app.yaml": appYaml("foo-bar", ["mallory"]),
          "apps/foo_bar/app.yaml": appYaml("foo_bar", ["mallory"]),
        },
      }),
    );
    expect(rules(d).sort()).toEqual([
      "pr/near-duplicate-id error apps/foo-bar/app.yaml",
      "pr/near-duplicate-id error apps/foo_bar/app.yaml",
    ]);
  });
});
