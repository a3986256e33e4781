import fc from "fast-check";
import { nonPublicReason } from "../../src/artifact/public-address.ts";
import { fuzzTarget, type FuzzTarget } from "./fuzz-target.ts";

/**
 * Generators of hostile addresses for the address checks (issue 13, class 6): IPv4
 * addresses from every range that is not public, with the words the refusal must use, and
 * every IPv6 form that embeds an IPv4 address, in several spellings. Independent of the
 * code under test: ranges are written out here from RFC 6890, not read from ipaddr.js.
 */

/** Non-public IPv4 ranges: first address (as a 32-bit number), size, and a word of the expected reason. */
const RANGES: readonly [string, number, string][] = [
  ["0.0.1.0", 2 ** 24 - 256, "'this network'"],
  ["10.0.0.0", 2 ** 24, "private (RFC 1918)"],
  ["100.64.0.0", 2 ** 22, "carrier-grade NAT"],
  ["127.0.0.0", 2 ** 24, "loopback"],
  ["169.254.0.0", 2 ** 16, "link-local"],
  ["172.16.0.0", 2 ** 20, "private (RFC 1918)"],
  ["192.0.0.0", 2 ** 8, "reserved"],
  ["192.0.2.0", 2 ** 8, "reserved"],
  ["192.168.0.0", 2 ** 16, "private (RFC 1918)"],
  ["198.18.0.0", 2 ** 17, "reserved"],
  ["224.0.0.0", 2 ** 28, "multicast"],
  ["240.0.0.0", 2 ** 28 - 1, "reserved"],
];

/** Public addresses (GitHub, Cloudflare, Google DNS, a RIPE host). */
export const PUBLIC_IPV4 = ["140.82.112.3", "1.1.1.1", "8.8.8.8", "193.0.6.139"] as const;

const toNumber = (dotted: string) => dotted.split(".").reduce((n, part) => n * 256 + Number(part), 0);
const toDotted = (n: number) => [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join(".");

/** A random non-public IPv4 address and a word its refusal must contain. */
export function hostileIPv4(): fc.Arbitrary<{ address: string; expect: string }> {
  return fc
    .constantFrom(...RANGES)
    .chain(([start, size, expect]) =>
      fc.integer({ min: 0, max: size - 1 }).map((offset) => ({ address: toDotted(toNumber(start) + offset), expect })),
    );
}

/** The two 16-bit groups of an IPv4 address, in hex (optionally inverted, as Teredo stores the client). */
function groups(ipv4: string, invert = false): [string, string] {
  const n = invert ? 2 ** 32 - 1 - toNumber(ipv4) : toNumber(ipv4);
  return [Math.floor(n / 65536).toString(16), (n % 65536).toString(16)];
}

/** How an IPv6 address may be spelled: compressed, every group written out, upper case. */
function spell(address: string, pick: number): string {
  if (pick % 3 === 0) return address;
  if (pick % 3 === 1) return address.toUpperCase();
  const [head = "", tail = ""] = address.split("::");
  const left = head === "" ? [] : head.split(":");
  const right = tail === "" ? [] : tail.split(":");
  if (!address.includes("::") || right.some((g) => g.includes("."))) return address;
  return [...left, ...Array(8 - left.length - right.length).fill("0"), ...right].join(":");
}

/**
 * Every IPv6 form that carries `ipv4` (mapped, translated, compatible, NAT64, 6to4, Teredo
 * server and client, ISATAP), each named by its form, spelled by `pick`.
 */
export function embeddingsOf(ipv4: string, pick: number): { form: string; address: string }[] {
  const [high, low] = groups(ipv4);
  const [invHigh, invLow] = groups(ipv4, true);
  const forms = [
    { form: "IPv4-mapped", address: pick % 2 ? `::ffff:${ipv4}` : `::ffff:${high}:${low}` },
    { form: "IPv4-translated", address: pick % 2 ? `::ffff:0:${ipv4}` : `::ffff:0:${high}:${low}` },
    { form: "IPv4-compatible", address: pick % 2 ? `::${ipv4}` : `::${high}:${low}` },
    { form: "NAT64", address: pick % 2 ? `64:ff9b::${ipv4}` : `64:ff9b::${high}:${low}` },
    { form: "6to4", address: `2002:${high}:${low}::${(pick % 65536).toString(16)}` },
    { form: "Teredo server", address: `2001:0:${high}:${low}:0:0:73ad:8cfc` },
    { form: "Teredo client", address: `2001:0:8c52:7003:0:0:${invHigh}:${invLow}` },
    {
      form: "ISATAP",
      address: `2606:4700:${(pick % 65536).toString(16)}::${pick % 2 ? "200:" : ""}5efe:${high}:${low}`,
    },
  ];
  return forms.map(({ form, address }) => ({ form, address: spell(address, Math.floor(pick / 2)) }));
}

/**
 * The address check on generated input: every non-public IPv4 address, in every IPv6
 * embedding, is refused with a reason naming its range; a public one passes every form
 * but IPv4-compatible.
 */
export function addressProperty(): fc.IProperty<[{ address: string; expect: string }, number, number]> {
  return fc.property(hostileIPv4(), fc.nat(), fc.nat({ max: PUBLIC_IPV4.length - 1 }), (ipv4, pick, publicPick) => {
    for (const { form, address } of embeddingsOf(ipv4.address, pick)) {
      const reason = nonPublicReason(address);
      if (reason === undefined || !reason.includes(ipv4.expect))
        throw new Error(`${form} ${address}: expected a refusal naming '${ipv4.expect}', got ${String(reason)}`);
    }
    const publicAddress = PUBLIC_IPV4[publicPick] ?? "1.1.1.1";
    for (const { form, address } of embeddingsOf(publicAddress, pick)) {
      const reason = nonPublicReason(address);
      if ((reason !== undefined) !== (form === "IPv4-compatible"))
        throw new Error(`${form} ${address}: unexpected ${String(reason)}`);
    }
  });
}

/** The address checks' target for `npm run fuzz` and `fuzz.test.ts` (issue 13, class 6). */
export const addressFuzzTargets: readonly FuzzTarget[] = [
  fuzzTarget(
    "addresses",
    "the download address check on every non-public IPv4 range in every IPv6 embedding and spelling",
    { cost: 1, ciRuns: 400 },
    addressProperty,
  ),
];
