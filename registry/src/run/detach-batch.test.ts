import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { warning } from "../report/diagnostic.ts";
import type { AppsValidation } from "./apps-validation.ts";
import { detachBatch } from "./detach-batch.ts";

/** A batch whose strings come from a parsed manifest, as validation's do. */
function batch(): AppsValidation {
  const text = "id: demo\nartifact:\n  url: https://charts.example.org/demo-1.0.0.tgz\n  sha256: ab12\n";
  const data = parse(text) as { id: string; artifact: { url: string; sha256: string } };
  const shard = Buffer.from('{"id":"demo"}');
  return {
    loaded: [],
    facts: [],
    layout: [warning("layout/stray-file", "apps/demo/notes.txt", undefined, "not a manifest")],
    diagnostics: [
      warning(
        "artifact/not-verified",
        "apps/demo/versions/helm/1.0.0.yaml",
        { line: 3, column: 8 },
        `${data.artifact.url} was not downloaded (offline)`,
      ),
    ],
    metadata: new Map(),
    versions: 1,
    artifactsVerified: 0,
    ledger: { [data.artifact.sha256]: { url: data.artifact.url, sha256: data.artifact.sha256 } as never },
    unavailable: new Map([["demo", new Map([["helm/1.0.0", "2026-12-01"]])]]),
    index: [
      {
        id: data.id,
        files: new Map([["apps/demo.json", shard]]),
        shard: { path: "apps/demo.json", sha256: "00", size: shard.length },
        entry: { id: data.id } as never,
        helm: [],
        names: [{ kind: "helm chart", name: data.id, app: data.id, file: "apps/demo/versions/helm/1.0.0.yaml" }],
        versionNames: [],
      },
    ],
  };
}

describe("detachBatch", () => {
  it("keeps every kept part equal, in order, and the index files' bytes as they are (not copied)", () => {
    const original = batch();
    const detached = detachBatch(original);
    expect(detached).toEqual(original);
    expect(detached.index?.[0]?.files).toBe(original.index?.[0]?.files);
    expect(detached.index?.[0]?.files.get("apps/demo.json")).toBeInstanceOf(Buffer);
  });
  it("holds copies: nothing it keeps is an object of the batch it came from", () => {
    const original = batch();
    const detached = detachBatch(original);
    expect(detached.diagnostics[0]).not.toBe(original.diagnostics[0]);
    expect(detached.layout[0]).not.toBe(original.layout[0]);
    expect(detached.index?.[0]?.entry).not.toBe(original.index?.[0]?.entry);
    expect(detached.unavailable).not.toBe(original.unavailable);
    const before = structuredClone(detached.diagnostics);
    (original.diagnostics[0] as { message: string }).message = "changed";
    (original.ledger.ab12 as { url: string }).url = "changed";
    expect(detached.diagnostics).toEqual(before);
    expect(detached.ledger.ab12?.url).toBe("https://charts.example.org/demo-1.0.0.tgz");
  });
  it("leaves a batch without index files without them", () => {
    const { index: _none, ...rest } = batch();
    expect(detachBatch(rest).index).toBeUndefined();
  });
});
