import { describe, expect, it } from "vitest";
import { decideFreshness, decideSignature } from "./decide-index-trust.ts";

const strict = { allowUnsigned: false, allowExpired: false };
const where = { location: "https://shelf.example/", keysFile: "keys.json" };
const now = new Date("2026-06-01T00:00:00Z");
const previous = { serial: 10, indexSha256: "a".repeat(64), keyId: "k", expires: "2026-06-10T00:00:00Z" };
const facts = (more: object = {}) => ({
  indexSha256: "b".repeat(64),
  signedBy: "k",
  now,
  location: "https://shelf.example/",
  ...more,
});

describe("decideSignature (TUF 5: signatures before content)", () => {
  it("passes a signed index, an unsigned one only when allowed (with a warning)", () => {
    expect(decideSignature({ status: "signed", keyId: "k" }, strict, where)).toEqual([]);
    expect(() => decideSignature({ status: "unsigned" }, strict, where)).toThrow(/is unsigned/);
    expect(decideSignature({ status: "unsigned" }, { ...strict, allowUnsigned: true }, where)[0]).toMatch(
      /accepted because of --allow-unsigned/,
    );
  });

  it("never passes an unknown key or a signature that does not verify, whatever is allowed", () => {
    const lax = { allowUnsigned: true, allowExpired: true };
    expect(() => decideSignature({ status: "unknown-key", keyIds: ["x"] }, lax, where)).toThrow(
      expect.objectContaining({ reason: "unknown-key" }),
    );
    expect(() => decideSignature({ status: "bad-signature", keyId: "k" }, lax, where)).toThrow(
      expect.objectContaining({ reason: "bad-signature" }),
    );
  });
});

describe("decideFreshness (TUF 5.3/5.4: rollback and freeze)", () => {
  it("accepts a newer serial and returns the record to keep", () => {
    expect(decideFreshness({ serial: 11, expires: "2026-06-10T00:00:00Z" }, facts({ previous }), strict)).toEqual({
      record: { serial: 11, indexSha256: "b".repeat(64), keyId: "k", expires: "2026-06-10T00:00:00Z" },
      warnings: [],
    });
  });

  it("refuses a lower serial, and an equal serial with other bytes", () => {
    expect(() => decideFreshness({ serial: 9, expires: "2026-06-10T00:00:00Z" }, facts({ previous }), strict)).toThrow(
      /serial 9, but serial 10 was already seen/,
    );
    expect(() => decideFreshness({ serial: 10, expires: "2026-06-10T00:00:00Z" }, facts({ previous }), strict)).toThrow(
      /two indexes cannot share a serial/,
    );
    expect(
      decideFreshness(
        { serial: 10, expires: "2026-06-10T00:00:00Z" },
        facts({ previous, indexSha256: "a".repeat(64) }),
        strict,
      ).warnings,
    ).toEqual([]);
  });

  it("refuses an index at or past its expiry unless allowed", () => {
    const expired = { serial: 11, expires: "2026-06-01T00:00:00Z" };
    expect(() => decideFreshness(expired, facts(), strict)).toThrow(expect.objectContaining({ reason: "expired" }));
    expect(decideFreshness(expired, facts(), { ...strict, allowExpired: true }).warnings).toHaveLength(1);
  });

  it("keeps no record for an unsigned index", () => {
    expect(
      decideFreshness({ serial: 11, expires: "2026-06-10T00:00:00Z" }, facts({ signedBy: undefined }), strict).record,
    ).toBeUndefined();
  });
});
