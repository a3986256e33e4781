import { describe, expect, it } from "vitest";
import { appendDiagnostics, warning, type Diagnostic } from "./diagnostic.ts";

describe("appendDiagnostics", () => {
  it("appends a list longer than any call stack takes as arguments (one warning per version of 50,000 apps)", () => {
    const many: Diagnostic[] = Array.from({ length: 500_000 }, (_, i) =>
      warning("artifact/not-verified", `apps/a/versions/helm/${i}.yaml`, undefined, "not verified"),
    );
    const list = [warning("layout/x", "apps/a", undefined, "first")];
    expect(() => [].push(...(many as never[]))).toThrow(RangeError); // what it replaces
    expect(appendDiagnostics(list, many)).toBe(list);
    expect(list).toHaveLength(500_001);
    expect(list[0]?.ruleId).toBe("layout/x");
    expect(list.at(-1)?.file).toBe("apps/a/versions/helm/499999.yaml");
  });
});
