import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { checkPullRequest } from "../../src/check-pr/check-pull-request.ts";
import { CORPUS } from "../temp-registry.ts";
import type { TempRegistry } from "../temp-registry.ts";
import { aPrRepo, findings, validationErrors, type PrRepo } from "./pr-repo.ts";

// Real Git histories: a base commit on `main` with real apps, a `pr` branch with the change.
const APPS = ["wordpress", "gitea", "harbor"];
const WP_HELM = "apps/wordpress/versions/helm/27.0.0.yaml";
const WP_COMPOSE = "apps/wordpress/versions/compose/6.8.2.yaml";

/** A new app forgejo made from gitea, under a publisher record of its own (on the base branch) that newdev may attach to. */
async function forgejo(r: PrRepo): Promise<void> {
  await r.copy("apps/gitea", "apps/forgejo");
  await r.edit("apps/forgejo/app.yaml", "id: gitea", "id: forgejo");
  await r.edit("apps/forgejo/app.yaml", "publisher: gitea", "publisher: forgejo");
  await r.edit("apps/forgejo/compose.yaml", "name: gitea", "name: forgejo");
  const compose = Buffer.from(await r.read("apps/forgejo/compose.yaml"));
  await r.edit(
    "apps/forgejo/versions/compose/1.24.6.yaml",
    /sha256: [0-9a-f]{64}\n  size: \d+/,
    `sha256: ${createHash("sha256").update(compose).digest("hex")}\n  size: ${compose.length}`,
  );
  await r.edit("apps/forgejo/versions/compose/1.24.6.yaml", "packagedBy: appshelf\n", "");
}
const FORGEJO_PUBLISHER = (base: TempRegistry) =>
  base.write(
    ".github/appshelf/publishers/forgejo.yaml",
    "id: forgejo\nname: Forgejo\nurl: https://forgejo.org\ngithub:\n  logins: [newdev]\nverification:\n  state: unverified\n",
  );

describe("check-pr on real Git histories", () => {
  it("a new app: classified new-app, validated, no problems", async () => {
    const r = await aPrRepo(APPS, FORGEJO_PUBLISHER);
    await forgejo(r);
    await r.edit("apps/forgejo/app.yaml", "maintainers: [go-gitea]", "maintainers: [newdev]");
    const result = await r.check("newdev");
    expect(result.kinds).toEqual(["new-app"]);
    expect(result.apps.map((a) => [a.id, a.kinds])).toEqual([["forgejo", ["new-app"]]]);
    expect(result.versions.map((v) => v.file)).toEqual(["apps/forgejo/versions/compose/1.24.6.yaml"]);
    expect(findings(result)).toEqual([]);
    expect(validationErrors(result)).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it("a new app whose author is not among its maintainers is rejected", async () => {
    const r = await aPrRepo(APPS, FORGEJO_PUBLISHER);
    await forgejo(r);
    const result = await r.check("newdev");
    expect(findings(result)).toEqual(["pr/not-maintainer error apps/forgejo/app.yaml:47"]);
    expect(result.ok).toBe(false);
  });

  it("a new version by a maintainer: classified new-version", async () => {
    const r = await aPrRepo(APPS);
    await r.copy(WP_COMPOSE, "apps/wordpress/versions/compose/6.8.3.yaml");
    await r.edit("apps/wordpress/versions/compose/6.8.3.yaml", 'version: "6.8.2"', 'version: "6.8.3"');
    const result = await r.check("bitnami");
    expect(result.kinds).toEqual(["new-version"]);
    expect(result.versions).toMatchObject([
      { app: "wordpress", delivery: "compose", version: "6.8.3", kinds: ["new-version"] },
    ]);
    expect(findings(result)).toEqual([]);
  });

  it("a metadata edit by a maintainer passes; GitHub logins compare case-insensitively", async () => {
    const r = await aPrRepo(APPS);
    await r.edit("apps/wordpress/app.yaml", "keywords: [wordpress,", "keywords: [wordpress, blogging,");
    const result = await r.check("Bitnami");
    expect(result.kinds).toEqual(["metadata-edit"]);
    expect(findings(result)).toEqual([]);
  });

  it("an edit by a non-maintainer is rejected (maintainers as listed on the base branch)", async () => {
    const r = await aPrRepo(APPS);
    await r.edit("apps/wordpress/app.yaml", "keywords: [wordpress,", "keywords: [wordpress, blogging,");
    const result = await r.check("mallory");
    expect(result.kinds).toEqual(["metadata-edit"]);
    expect(findings(result)).toEqual(["pr/not-maintainer error apps/wordpress/app.yaml:53"]);
    expect(result.diagnostics[0]?.message).toMatchInlineSnapshot(
      `"@mallory is not a maintainer of wordpress (maintainers on the base branch: @bitnami); only they may change it"`,
    );
    expect(result.ok).toBe(false);
  });

  it("a version pushed into somebody else's app is rejected", async () => {
    const r = await aPrRepo(APPS);
    await r.copy(WP_COMPOSE, "apps/wordpress/versions/compose/6.8.3.yaml");
    await r.edit("apps/wordpress/versions/compose/6.8.3.yaml", 'version: "6.8.2"', 'version: "6.8.3"');
    const result = await r.check("mallory");
    expect(findings(result)).toEqual([
      "pr/version-into-foreign-app error apps/wordpress/versions/compose/6.8.3.yaml:3",
    ]);
  });

  it("a changed digest of a released version is rejected as a supply-chain risk", async () => {
    const r = await aPrRepo(APPS);
    await r.edit(WP_HELM, "sha256: 2d4d525d", "sha256: 00000000");
    const result = await r.check("bitnami");
    expect(result.ok).toBe(false);
    expect(findings(result)).toEqual([`pr/released-version-changed error ${WP_HELM}:10`]);
    expect(validationErrors(result)).toContain(`artifact/digest-mismatch ${WP_HELM}`);
    const changed = result.diagnostics.find((d) => d.ruleId === "pr/released-version-changed");
    expect(changed?.message).toMatchInlineSnapshot(
      `"the sha256 of released version 27.0.0 (helm) changed from '2d4d525d4ce41285f06358627ec86d1b7154550b5c89a0c4ed0c4f16f2358ead' to '000000004ce41285f06358627ec86d1b7154550b5c89a0c4ed0c4f16f2358ead'. A released artifact never changes: swapping the digest of a published version is how supply-chain attacks ship new code under a version users already trust"`,
    );
    expect(changed?.hint).toMatchInlineSnapshot(
      `"restore artifact.sha256 as it is on the base branch and publish the new build as a new version (a new file in apps/wordpress/versions/helm/)"`,
    );
  });

  it("a changed in-repo artifact of a released version is rejected", async () => {
    const r = await aPrRepo(APPS);
    await r.write("apps/gitea/compose.yaml", `${await r.read("apps/gitea/compose.yaml")}# tweaked\n`);
    const result = await r.check("go-gitea");
    expect(findings(result)).toEqual(["pr/released-version-changed error apps/gitea/compose.yaml"]);
    expect(validationErrors(result)).toContain("artifact/digest-mismatch apps/gitea/versions/compose/1.24.6.yaml");
  });

  it("a released version renamed to another version is rejected", async () => {
    const r = await aPrRepo(APPS);
    await r.move(WP_HELM, "apps/wordpress/versions/helm/27.0.1.yaml");
    await r.edit("apps/wordpress/versions/helm/27.0.1.yaml", 'version: "27.0.0"', 'version: "27.0.1"');
    const result = await r.check("bitnami");
    expect(findings(result)).toEqual(["pr/released-version-changed error apps/wordpress/versions/helm/27.0.1.yaml:3"]);
  });

  it("a deleted released version is classified deletion, with a warning for the review policy", async () => {
    const r = await aPrRepo(APPS);
    await r.remove(WP_HELM);
    const result = await r.check("bitnami");
    expect(result.kinds).toEqual(["deletion"]);
    expect(result.versions).toMatchObject([{ version: "27.0.0", kinds: ["deletion"], file: WP_HELM }]);
    expect(findings(result)).toEqual([`pr/released-version-deleted warning ${WP_HELM}`]);
    expect(result.ok).toBe(true);
  });

  it("a squatting id next to an existing one is rejected: 'word-press' and a Cyrillic homoglyph", async () => {
    for (const id of ["word-press", "w\u043erdpress"]) {
      const r = await aPrRepo(APPS);
      await r.copy("apps/wordpress", `apps/${id}`);
      await r.edit(`apps/${id}/app.yaml`, "id: wordpress", `id: ${id}`);
      await r.edit(`apps/${id}/app.yaml`, "maintainers: [bitnami]", "maintainers: [mallory]");
      const result = await r.check("mallory");
      expect(result.kinds).toEqual(["new-app"]);
      const squat = result.diagnostics.filter((d) => d.ruleId === "pr/near-duplicate-id");
      expect(squat).toMatchObject([{ severity: "error", file: `apps/${id}/app.yaml`, line: 2 }]);
      expect(squat[0]?.message).toContain("is confusingly similar to the app 'wordpress'");
      if (id !== "word-press") expect(squat[0]?.message).toContain("U+043E 'о'");
    }
  });

  it("a workflow edit is a registry change", async () => {
    const r = await aPrRepo(APPS);
    await r.edit(".github/workflows/validate.yml", "timeout-minutes: 20", "timeout-minutes: 30");
    const result = await r.check("bitnami");
    expect(result.kinds).toEqual(["registry-change"]);
    expect(result.registryFiles).toEqual([".github/workflows/validate.yml"]);
    expect(findings(result)).toEqual(["pr/registry-change warning .github/workflows/validate.yml"]);
    expect(result.validated.apps).toBe(0);
  });

  it("an ownership transfer by a maintainer is classified; by a newcomer it is routed to admins", async () => {
    const r = await aPrRepo(APPS);
    await r.edit("apps/wordpress/app.yaml", "maintainers: [bitnami]", "maintainers: [bitnami, newdev]");
    const byOwner = await r.check("bitnami");
    expect(byOwner.kinds).toEqual(["ownership-transfer"]);
    expect(findings(byOwner)).toEqual([]);
    const claim = await aPrRepo(APPS);
    await claim.edit("apps/wordpress/app.yaml", "maintainers: [bitnami]", "maintainers: [newdev]");
    const byNewcomer = await claim.check("newdev");
    expect(byNewcomer.kinds).toEqual(["ownership-transfer"]);
    expect(findings(byNewcomer)).toEqual(["pr/not-maintainer warning apps/wordpress/app.yaml:53"]);
    expect(byNewcomer.ok).toBe(true);
  });

  it("a suspension (with its reason) is classified; a reinstatement warns that admins must approve", async () => {
    const r = await aPrRepo(APPS);
    await r.edit(
      WP_HELM,
      "status: released",
      'status: released\nsuspension: { reason: "chart pulls a vulnerable image", date: "2026-05-04", pullRequest: 9 }'.replace(
        "released\n",
        "suspended\n",
      ),
    );
    const suspended = await r.check("bitnami");
    expect(suspended.kinds).toEqual(["suspension"]);
    expect(findings(suspended)).toEqual([]);
    const back = await aPrRepo(APPS, (base) => base.edit(WP_HELM, "status: released", "status: suspended"));
    await back.edit(WP_HELM, "status: suspended", "status: released");
    const reinstated = await back.check("bitnami");
    expect(reinstated.kinds).toEqual(["reinstatement"]);
    expect(findings(reinstated)).toEqual([`pr/status-change warning ${WP_HELM}:25`]);
  });

  it("validates only the touched apps, and every app when schema/ changes", async () => {
    const r = await aPrRepo(APPS, (base) => base.write("apps/harbor/app.yaml", "id: [broken\n"));
    await r.edit("apps/wordpress/app.yaml", "keywords: [wordpress,", "keywords: [wordpress, blogging,");
    const touched = await r.check("bitnami");
    expect(touched.validated).toEqual({ apps: 1, versions: 2 });
    expect(touched.diagnostics.filter((d) => d.file.startsWith("apps/harbor"))).toEqual([]);
    await r.edit("schema/categories.yaml", /$/, "\n");
    const schema = await r.check("bitnami");
    expect(schema.validated.apps).toBe(3);
    expect(validationErrors(schema)).toContain("yaml/syntax apps/harbor/app.yaml");
  });

  it("counts changes from the merge base, not from the current tip of the base branch", async () => {
    const r = await aPrRepo(APPS);
    await r.git.checkout("main");
    await r.edit("apps/harbor/app.yaml", "status: active", "status: suspended");
    await r.commit("meanwhile on main");
    await r.git.checkout("pr");
    await r.edit("apps/wordpress/app.yaml", "keywords: [wordpress,", "keywords: [wordpress, blogging,");
    const result = await r.check("bitnami");
    expect(result.apps.map((a) => a.id)).toEqual(["wordpress"]);
    expect(result.mergeBase).not.toBe(result.base.sha);
  });

  it("without an author, ownership is not checked and says so", async () => {
    const r = await aPrRepo(APPS);
    await r.edit("apps/wordpress/app.yaml", "keywords: [wordpress,", "keywords: [wordpress, blogging,");
    const result = await r.check(undefined);
    expect(findings(result)).toEqual(["pr/author-unknown warning apps/wordpress/app.yaml"]);
  });

  it("refuses a head that is not checked out, and unknown refs", async () => {
    const r = await aPrRepo(APPS);
    const inputs = {
      base: "main",
      author: "bitnami",
      validate: { root: r.root, mirrors: [CORPUS], offline: true, requireArtifacts: false },
    };
    await expect(checkPullRequest({ ...inputs, head: "main~0" })).resolves.toMatchObject({ kinds: [] });
    await r.commit("empty");
    await expect(checkPullRequest({ ...inputs, head: "main" })).rejects.toThrow(/is not the checked-out commit/);
    await expect(checkPullRequest({ ...inputs, base: "nope", head: "HEAD" })).rejects.toThrow(/'nope' is not a commit/);
    await expect(checkPullRequest({ ...inputs, base: "--output=x", head: "HEAD" })).rejects.toThrow(
      /is not a Git revision/,
    );
  });
});
