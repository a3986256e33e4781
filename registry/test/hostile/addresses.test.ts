import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { nonPublicReason } from "../../src/artifact/public-address.ts";
import { addressProperty } from "./address-generators.ts";

/**
 * Address checks (issue 13, class 6): every IPv6 spelling that carries an IPv4 address
 * (mapped, translated, IPv4-compatible, NAT64, 6to4, Teredo, ISATAP) is judged by the IPv4
 * address it carries too, with ipaddr.js's range table. Generated: random addresses from
 * every non-public IPv4 range, written in every embedding and spelling.
 */
const SEED = 13;

describe("addresses: embedded IPv4 is classified too", () => {
  it("refuses every non-public IPv4 address in every IPv6 embedding and spelling, naming its range; public ones pass (400 generated cases)", () => {
    fc.assert(addressProperty(), { seed: SEED, numRuns: 400 });
  });

  it.each([
    ["64:ff9b::a9fe:a9fe", "link-local (cloud metadata endpoints): NAT64 (RFC 6052) address of 169.254.169.254"],
    ["64:ff9b::10.0.0.1", "private (RFC 1918): NAT64"],
    ["64:ff9b:1::8c52:7003", "local-use NAT64 (RFC 8215)"],
    ["2002:7f00:1::", "loopback: 6to4 (RFC 3056) address of 127.0.0.1"],
    ["::10.0.0.1", "private (RFC 1918): IPv4-compatible"],
    ["::a9fe:a9fe", "link-local (cloud metadata endpoints): IPv4-compatible"],
    ["::ffff:0:10.0.0.1", "private (RFC 1918): IPv4-translated"],
    ["2001:0:a00:1::8c52:7003", "private (RFC 1918): Teredo server"],
    ["2001:0:8c52:7003::f5ff:fffe", "private (RFC 1918): Teredo client (RFC 4380) address of 10.0.0.1"],
    ["2606:4700::5efe:a9fe:a9fe", "ISATAP (RFC 5214) address of 169.254.169.254"],
    ["2001:db8::1", "documentation"],
    ["4000::1", "outside the global unicast space"],
    ["fec0::1", "site-local"],
    ["fe80::1%eth0", "not an IP address"],
    ["localhost", "not an IP address"],
  ])("refuses %s: %s", (address, reason) => {
    expect(nonPublicReason(address)).toContain(reason);
  });

  it("reads ::a.b.c.d as IPv4-compatible, not as IPv4-mapped (ipaddr.js alone would)", () => {
    expect(nonPublicReason("::140.82.112.3")).toContain("IPv4-compatible");
    expect(nonPublicReason("::ffff:140.82.112.3")).toBeUndefined();
  });

  it("allows loopback in every spelling only with the test-only option", () => {
    for (const address of ["127.0.0.1", "::1", "::ffff:127.0.0.1", "::ffff:7f00:1"]) {
      expect(nonPublicReason(address)).toBeDefined();
      expect(nonPublicReason(address, true)).toBeUndefined();
    }
    expect(nonPublicReason("::ffff:10.0.0.1", true)).toContain("private");
  });
});
