import { describe, expect, it } from "vitest";
import { assignBin } from "./assign-bin.ts";
import { buildBins } from "./build-bins.ts";
import type { BinFile } from "./index-types.ts";

const ref = (id: string) => ({ path: `apps/${id}.json`, sha256: "a".repeat(64), size: 10 });

describe("buildBins (PEP 458 hashed bins)", () => {
  it("puts each app in the bin its id hashes to, writes only non-empty bins, and pins each", () => {
    const ids = Array.from({ length: 300 }, (_, i) => `app-${i}`);
    const { files, refs } = buildBins(new Map(ids.map((id) => [id, ref(id)])), 1);
    expect(Object.keys(refs).sort()).toEqual([..."0123456789abcdef"]);
    let total = 0;
    for (const [prefix, pin] of Object.entries(refs)) {
      const bin = JSON.parse(files.get(pin.path)?.toString("utf8") ?? "") as BinFile;
      expect(bin.prefix).toBe(prefix);
      for (const id of Object.keys(bin.shards)) expect(assignBin(id, 1)).toBe(prefix);
      total += Object.keys(bin.shards).length;
    }
    expect(total).toBe(300);
  });

  it("is deterministic whatever the insertion order", () => {
    const a = buildBins(
      new Map([
        ["x1", ref("x1")],
        ["x2", ref("x2")],
      ]),
      2,
    );
    const b = buildBins(
      new Map([
        ["x2", ref("x2")],
        ["x1", ref("x1")],
      ]),
      2,
    );
    expect(b.refs).toEqual(a.refs);
  });
});
