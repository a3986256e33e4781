import { describe, expect, it } from "vitest";
import { checkPullRequest } from "../../src/check-pr/check-pull-request.ts";
import { CORPUS } from "../temp-registry.ts";
import { aPrRepo, findings, type PrRepo } from "./pr-repo.ts";

// Issue 14 on real Git histories: a base commit on `main`, a `pr` branch with the change.
const APPS = ["wordpress", "emqx", "gitea"];
const WP_APP = "apps/wordpress/app.yaml";
const WP_COMPOSE = "apps/wordpress/versions/compose/6.8.2.yaml";

async function checkAs(r: PrRepo, author: string, extra: { admins?: string[]; pullRequest?: number } = {}) {
  await r.commit("head");
  return checkPullRequest({
    base: "main",
    head: "HEAD",
    author,
    ...extra,
    validate: { root: r.root, mirrors: [CORPUS], offline: true, requireArtifacts: true },
  });
}

describe("check-pr: native names are owned (read from the base branch)", () => {
  it("an outsider's new app declaring chart: wordpress is refused, naming the owner", async () => {
    const r = await aPrRepo(APPS);
    await r.copy("apps/wordpress", "apps/a-wp");
    await r.remove("apps/a-wp/versions/compose");
    await r.remove("apps/a-wp/compose.yaml");
    await r.edit("apps/a-wp/app.yaml", "id: wordpress", "id: a-wp");
    await r.edit("apps/a-wp/app.yaml", "maintainers: [bitnami]", "maintainers: [mallory]");
    await r.edit("apps/a-wp/versions/helm/27.0.0.yaml", "delivery: helm\n", "delivery: helm\nchart: wordpress\n");
    const result = await checkAs(r, "mallory");
    expect(findings(result)).toContain("pr/name-taken error apps/a-wp/versions/helm/27.0.0.yaml");
    expect(result.diagnostics.find((d) => d.ruleId === "pr/name-taken")?.message).toBe(
      "a-wp claims the helm chart name 'wordpress', which belongs to the app wordpress on the base branch: a native client (helm install, the Nextcloud app store, docker compose) resolves a name to one app",
    );
    expect(result.ok).toBe(false);
  });

  it("a chart name declared by another app on the base branch is held by it, even when it is no app id", async () => {
    const r = await aPrRepo(APPS, async (base) =>
      base.edit("apps/emqx/versions/helm/5.8.5.yaml", "delivery: helm\n", "delivery: helm\nchart: emqx\n"),
    );
    await r.copy("apps/emqx", "apps/mqtt");
    await r.edit("apps/mqtt/app.yaml", "id: emqx", "id: mqtt");
    const result = await checkAs(r, "emqx");
    expect(findings(result)).toContain("pr/name-taken error apps/mqtt/versions/helm/5.8.5.yaml");
  });

  it("a Compose project name set by another app's Compose file is refused", async () => {
    const r = await aPrRepo(APPS);
    await r.copy("apps/gitea", "apps/gitea-lite");
    await r.edit("apps/gitea-lite/app.yaml", "id: gitea", "id: gitea-lite");
    const result = await checkAs(r, "go-gitea");
    expect(result.diagnostics.filter((d) => d.ruleId === "pr/name-taken").map((d) => d.message)).toEqual([
      expect.stringContaining("gitea-lite claims the Compose project name 'gitea', which belongs to the app gitea"),
    ]);
  });
});

describe("check-pr: admins take apps down", () => {
  const suspend = async (r: PrRepo, reason: string | undefined) => {
    await r.edit(
      WP_APP,
      "status: active",
      reason === undefined
        ? "status: suspended"
        : `status: suspended\nsuspension:\n  reason: ${reason}\n  date: "2026-05-04"\n  pullRequest: 7`,
    );
  };

  it("an admin who is not a maintainer suspends an app with a reason: a suspension, no ownership error", async () => {
    const r = await aPrRepo(APPS);
    await suspend(r, "malware found in the bundled image");
    const result = await checkAs(r, "adm-ed", { admins: ["adm-ed"], pullRequest: 7 });
    expect(result.kinds).toEqual(["suspension"]);
    expect(findings(result)).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it("admins named in the base branch's policy count, without --admin", async () => {
    const r = await aPrRepo(APPS, async (base) =>
      base.write(
        ".github/appshelf/review-policy.yaml",
        (await import("node:fs"))
          .readFileSync(new URL("../../../.github/appshelf/review-policy.yaml", import.meta.url), "utf8")
          .replace("    teams: [appshelf/admins]", "    teams: [appshelf/admins]\n    users: [adm-flo]"),
      ),
    );
    await suspend(r, "trademark complaint");
    const result = await checkAs(r, "adm-flo");
    expect(findings(result)).toEqual([]);
  });

  it("a suspension without a reason, or naming another pull request, is refused", async () => {
    const r = await aPrRepo(APPS);
    await suspend(r, undefined);
    expect(findings(await checkAs(r, "adm-ed", { admins: ["adm-ed"] }))).toEqual([
      "pr/suspension-reason error apps/wordpress/app.yaml:60",
    ]);
    await r.edit(
      WP_APP,
      "status: suspended",
      'status: suspended\nsuspension:\n  reason: spam\n  date: "2026-05-04"\n  pullRequest: 3',
    );
    expect(findings(await checkAs(r, "adm-ed", { admins: ["adm-ed"], pullRequest: 7 }))).toEqual([
      "pr/suspension-reason error apps/wordpress/app.yaml:64",
    ]);
  });

  it("somebody who is neither maintainer nor known admin: left to the review gate, which reads the admin team", async () => {
    const r = await aPrRepo(APPS);
    await suspend(r, "I do not like it");
    const result = await checkAs(r, "mallory", { admins: ["adm-ed"] });
    expect(findings(result)).toEqual(["pr/takedown-by-non-maintainer warning apps/wordpress/app.yaml"]);
    expect(result.apps.map((a) => [a.id, a.kinds])).toEqual([["wordpress", ["suspension"]]]);
  });

  it("an admin may not slip an edit into a takedown", async () => {
    const r = await aPrRepo(APPS);
    await suspend(r, "spam");
    await r.edit(WP_APP, "license: Apache-2.0", "license: MIT");
    expect(findings(await checkAs(r, "adm-ed", { admins: ["adm-ed"] }))).toContain(
      "pr/not-maintainer error apps/wordpress/app.yaml:53",
    );
  });
});

describe("check-pr: publishers and artifact hosts", () => {
  it("attaching a new app to a publisher needs one of its logins", async () => {
    const r = await aPrRepo(APPS);
    await r.copy("apps/gitea", "apps/forgejo");
    await r.edit("apps/forgejo/app.yaml", "id: gitea", "id: forgejo");
    await r.edit("apps/forgejo/app.yaml", "maintainers: [go-gitea]", "maintainers: [newdev]");
    await r.edit("apps/forgejo/app.yaml", "publisher: gitea", "publisher: bitnami");
    await r.edit("apps/forgejo/compose.yaml", "name: gitea", "name: forgejo");
    const result = await checkAs(r, "newdev");
    expect(findings(result)).toContain("pr/publisher-not-yours error apps/forgejo/app.yaml:46");
    expect(result.diagnostics.find((d) => d.ruleId === "pr/publisher-not-yours")?.message).toBe(
      "@newdev attaches the app forgejo to the publisher 'Bitnami by Broadcom' (bitnami), but only its logins (@bitnami) or an admin may",
    );
  });

  it("a packagedBy naming a publisher the author does not speak for is refused too", async () => {
    const r = await aPrRepo(APPS);
    await r.copy(WP_COMPOSE, "apps/wordpress/versions/compose/6.8.3.yaml");
    await r.edit("apps/wordpress/versions/compose/6.8.3.yaml", 'version: "6.8.2"', 'version: "6.8.3"');
    await r.edit("apps/wordpress/versions/compose/6.8.3.yaml", "packagedBy: appshelf", "packagedBy: nextcloud");
    expect(findings(await checkAs(r, "bitnami"))).toContain(
      "pr/publisher-not-yours error apps/wordpress/versions/compose/6.8.3.yaml:20",
    );
  });

  it("a version bump whose artifact moves to another host is reported, with the hosts, for the review gate", async () => {
    const r = await aPrRepo(APPS);
    await r.copy("apps/wordpress/versions/helm/27.0.0.yaml", "apps/wordpress/versions/helm/27.0.1.yaml");
    await r.edit("apps/wordpress/versions/helm/27.0.1.yaml", 'version: "27.0.0"', 'version: "27.0.1"');
    await r.edit(
      "apps/wordpress/versions/helm/27.0.1.yaml",
      "  hosted: true",
      "  url: https://charts.example.net/wordpress-27.0.1.tgz",
    );
    const result = await checkAs(r, "bitnami");
    expect(findings(result)).toContain("pr/artifact-host-changed warning apps/wordpress/versions/helm/27.0.1.yaml:8");
    expect(result.apps.find((a) => a.id === "wordpress")?.sourceChanges).toEqual([
      { version: "helm/27.0.1", host: "charts.example.net", previousHosts: ["hosted", "in-repo"] },
    ]);
  });
});
