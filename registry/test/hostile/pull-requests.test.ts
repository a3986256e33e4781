import { describe, expect, it } from "vitest";
import { decidePr, type PrDecision } from "../../src/pr/decide-pr.ts";
import { appYaml, factsOf, versionYaml } from "../pr/facts-builder.ts";

/**
 * Pull requests (issue 9): what `appshelf check-pr` must refuse or route to admins, on
 * top of `registry/test/pr/` (edits to other people's apps, digest swaps, workflow edits):
 * the cases an attacker would try next. The app `victim` belongs to alice; mallory attacks.
 */
const APP = "apps/victim/app.yaml";
const V1 = "apps/victim/versions/helm/1.0.0.yaml";
const rules = (d: PrDecision) => d.diagnostics.map((x) => `${x.ruleId} ${x.severity} ${x.file}`).sort();
const base = { [APP]: appYaml("victim", ["alice"], "active", "icon: icon.svg\n"), [V1]: versionYaml("1.0.0") };
const attack = (changes: string[], head: Record<string, string>, author = "mallory") =>
  decidePr(factsOf({ author, changes, base, head: { ...base, ...head } }));

describe("pull requests: other people's apps", () => {
  it("refuses a swapped icon (an app file, not a manifest) in somebody else's app", () => {
    expect(rules(attack(["M apps/victim/icon.svg"], {}))).toEqual(["pr/not-maintainer error apps/victim/icon.svg"]);
  });

  it("refuses a head app.yaml that does not parse (duplicate maintainers key): ownership is read from the base branch", () => {
    const d = attack([`M ${APP}`], { [APP]: `${appYaml("victim", ["alice"])}maintainers: [mallory]\n` });
    expect(rules(d)).toEqual([`pr/not-maintainer error ${APP}`]);
  });

  it("refuses deleting the app.yaml of somebody else's app while leaving its versions", () => {
    const d = decidePr(
      factsOf({
        author: "mallory",
        changes: [`D ${APP}`],
        base,
        head: { [V1]: versionYaml("1.0.0") },
        headAppIds: ["victim"],
      }),
    );
    expect(d.kinds).toEqual(["deletion"]);
    // A deletion is an admin's takedown: check-pr cannot read the admin team, the review gate refuses non-admins (scenario 65).
    expect(rules(d)).toEqual([`pr/takedown-by-non-maintainer warning ${APP}`]);
  });

  it("refuses moving somebody else's version into one's own app: a deletion there, a new version here", () => {
    const mine = { "apps/mine/app.yaml": appYaml("mine", ["mallory"]) };
    const d = decidePr(
      factsOf({
        author: "mallory",
        changes: [`R ${V1} -> apps/mine/versions/helm/1.0.0.yaml`],
        base: { ...base, ...mine },
        head: { ...mine, [APP]: base[APP], "apps/mine/versions/helm/1.0.0.yaml": versionYaml("1.0.0") },
      }),
    );
    expect(rules(d)).toEqual([
      `pr/released-version-deleted warning ${V1}`,
      `pr/takedown-by-non-maintainer warning ${V1}`,
    ]);
  });

  it("refuses suspending somebody else's released version (no reason given; and only an admin may take down an app they do not maintain, which the review gate checks against the admin team)", () => {
    expect(rules(attack([`M ${V1}`], { [V1]: versionYaml("1.0.0", { status: "suspended" }) }))).toEqual([
      `pr/suspension-reason error ${V1}`,
      `pr/takedown-by-non-maintainer warning ${V1}`,
    ]);
  });
});

describe("pull requests: released versions never change", () => {
  it.each([
    [
      "the artifact URL (same digest, another host)",
      "{ url: https://evil.example/a.tgz, sha256: aaaa, size: 10 }",
      "artifact.url",
    ],
    ["the artifact size", "{ url: https://example.org/a.tgz, sha256: aaaa, size: 11 }", "artifact.size"],
    ["the artifact from a URL to a file in the repository", "{ path: a.tgz, sha256: aaaa, size: 10 }", "artifact"],
  ])("refuses a maintainer changing %s", (_name, artifact, field) => {
    const d = attack([`M ${V1}`], { [V1]: versionYaml("1.0.0", { artifact }) }, "alice");
    expect(rules(d)).toContain(`pr/released-version-changed error ${V1}`);
    expect(d.diagnostics.map((x) => x.message).join("\n")).toContain(field);
  });

  it("refuses a digest swap hidden in a rename to the next version number", () => {
    const V2 = "apps/victim/versions/helm/1.0.1.yaml";
    const d = decidePr(
      factsOf({
        author: "alice",
        changes: [`R ${V1} -> ${V2}`],
        base,
        head: {
          [APP]: base[APP],
          [V2]: versionYaml("1.0.1", { artifact: "{ url: https://example.org/a.tgz, sha256: bbbb, size: 10 }" }),
        },
      }),
    );
    expect(rules(d)).toContain(`pr/released-version-changed error ${V2}`);
  });

  it("the same digest written another way (quotes, flow vs block) is no change", () => {
    const same =
      'version: "1.0.0"\ndelivery: helm\nartifact:\n  url: "https://example.org/a.tgz"\n  sha256: \'aaaa\'\n  size: 10\nchangelog: { en: First. }\nstatus: released\n';
    expect(rules(attack([`M ${V1}`], { [V1]: same }, "alice"))).toEqual([]);
  });
});

describe("pull requests: the registry itself", () => {
  it.each([
    [".github/workflows/exfiltrate.yml", "workflow"],
    [".github/appshelf/review-policy.yaml", "GitHub settings"],
    ["schema/version.schema.json", "schema"],
    ["registry/src/pr/check-ownership.ts", "registry code"],
    ["package.json", "build and CI setup"],
    [".ci/run", "build and CI setup"],
    ["apps/README.md", "apps/ layout"],
  ])("routes a change to %s to admins as a registry change (%s)", (file, area) => {
    const d = attack([`M ${file}`], {}, "alice");
    expect(d.kinds).toEqual(["registry-change"]);
    expect(d.diagnostics).toEqual([
      expect.objectContaining({ ruleId: "pr/registry-change", file, message: expect.stringContaining(`(${area})`) }),
    ]);
  });

  it("a registry change hidden in an app's pull request still makes the whole pull request a registry change", () => {
    const d = attack(
      [`M ${V1}`, "M .github/workflows/validate.yml"],
      { [V1]: versionYaml("1.0.0", { changelog: "Typo." }) },
      "alice",
    );
    expect(d.kinds).toEqual(["metadata-edit", "registry-change"]);
  });
});
