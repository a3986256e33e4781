import { describe, expect, it } from "vitest";
import { validateRegistry } from "../src/validate/validate-registry.ts";
import { CORPUS, REPO_ROOT } from "./temp-registry.ts";

describe("the sample apps in apps/", () => {
  it("all validate, and every artifact is verified against the corpus mirror or the repo", async () => {
    const result = await validateRegistry({ root: REPO_ROOT, mirrors: [CORPUS], offline: true, requireArtifacts: true });
    expect(result.diagnostics).toEqual([]);
    expect(result.counts.apps).toBeGreaterThanOrEqual(6);
    expect(result.counts.artifactsVerified).toBe(result.counts.versions);
    const deliveries = new Set(result.apps.flatMap((a) => a.versions.map((v) => v.data.delivery)));
    expect([...deliveries].sort()).toEqual(["compose", "helm", "nextcloud"]);
  });
});
