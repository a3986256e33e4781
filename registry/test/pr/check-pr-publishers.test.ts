import { describe, expect, it } from "vitest";
import { aPrRepo } from "./pr-repo.ts";

// check-pr reads only the publisher records its touched apps name and the ones the pull
// request changes (check-pr/publishers-needed.ts), so its cost does not grow with the
// registry; those records are still checked in full.

describe("check-pr: the publisher records it needs, no fewer", () => {
  it("a publisher record the pull request breaks is still reported, though no touched app names it", async () => {
    const r = await aPrRepo(["wordpress"]);
    await r.edit(".github/appshelf/publishers/emqx.yaml", "id: emqx", "id: not-emqx");
    const result = await r.check("adm-ed");
    expect(result.diagnostics.map((d) => `${d.ruleId} ${d.file}`)).toContain(
      "publisher/id-matches-file .github/appshelf/publishers/emqx.yaml",
    );
  });

  it("an app naming a publisher without a record is refused (app/publisher-exists); one named in a version's packagedBy is read", async () => {
    const r = await aPrRepo(["wordpress"]);
    await r.edit("apps/wordpress/app.yaml", /publisher: \S+/, "publisher: nobody-here");
    const result = await r.check("bitnami");
    expect(result.diagnostics.map((d) => d.ruleId)).toContain("app/publisher-exists");
    const clean = await aPrRepo(["gitea"]);
    await clean.edit("apps/gitea/app.yaml", "status: active", "status: active\n");
    const ok = await clean.check("go-gitea");
    expect(ok.diagnostics.filter((d) => d.ruleId === "app/publisher-exists")).toEqual([]);
  });
});
