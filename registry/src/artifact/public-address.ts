import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import ipaddr from "ipaddr.js";
import { embeddedIPv4 } from "./embedded-ipv4.ts";

/** Why each of ipaddr.js's IPv4 ranges is not public (RFC 6890 and the IANA special-purpose registry). */
const IPV4_REASONS: Record<string, string> = {
  unspecified: "'this network'",
  broadcast: "broadcast",
  multicast: "multicast",
  linkLocal: "link-local (cloud metadata endpoints)",
  loopback: "loopback",
  carrierGradeNat: "carrier-grade NAT (RFC 6598)",
  private: "private (RFC 1918)",
  reserved: "reserved, documentation or benchmarking (RFC 5735, 5737, 2544)",
  as112: "AS112 (RFC 7534)",
  amt: "AMT relay (RFC 7450)",
};

/** Why each of ipaddr.js's IPv6 ranges is not public; the ranges that embed IPv4 are judged by it. */
const IPV6_REASONS: Record<string, string> = {
  unspecified: "unspecified",
  linkLocal: "link-local",
  multicast: "multicast",
  loopback: "loopback",
  uniqueLocal: "unique local",
  deprecatedSiteLocal: "site-local (deprecated, RFC 3879)",
  discard: "discard-only (RFC 6666)",
  benchmarking: "benchmarking (RFC 5180)",
  amt: "AMT (RFC 7450)",
  as112v6: "AS112 (RFC 7535)",
  deprecatedOrchid: "ORCHID (RFC 4843)",
  orchid2: "ORCHIDv2 (RFC 7343)",
  droneRemoteIdProtocolEntityTags: "drone remote ID tags (RFC 9374)",
  segmentRouting: "segment routing (RFC 9602)",
  reserved: "reserved or documentation (RFC 3849, 9637)",
};

/** IPv6 ranges that are public when every IPv4 address they embed is. */
const EMBEDDING_RANGES = new Set(["unicast", "ipv4Mapped", "rfc6145", "rfc6052", "6to4", "teredo"]);
const GLOBAL_UNICAST = ipaddr.parseCIDR("2000::/3") as [ipaddr.IPv6, number];
const LOCAL_USE_NAT64 = ipaddr.parseCIDR("64:ff9b:1::/48") as [ipaddr.IPv6, number];

function ipv4Reason(address: ipaddr.IPv4, allowLoopback: boolean): string | undefined {
  const range = address.range();
  if (range === "unicast" || (allowLoopback && range === "loopback")) return undefined;
  return IPV4_REASONS[range] ?? `special-purpose (${range})`;
}

function ipv6Reason(address: ipaddr.IPv6, allowLoopback: boolean): string | undefined {
  const range = address.range();
  if (allowLoopback && range === "loopback") return undefined;
  if (!EMBEDDING_RANGES.has(range)) return IPV6_REASONS[range] ?? `special-purpose (${range})`;
  if (address.match(LOCAL_USE_NAT64)) return "local-use NAT64 (RFC 8215)";
  for (const { form, address: inner } of embeddedIPv4(address)) {
    const reason = ipv4Reason(inner, allowLoopback);
    if (reason !== undefined) return `${reason}: ${form} address of ${inner.toString()}`;
    if (form.startsWith("IPv4-compatible")) return `${form} address of ${inner.toString()}`;
  }
  if (range === "unicast" && !address.match(GLOBAL_UNICAST)) return "outside the global unicast space 2000::/3 (IANA)";
  return undefined;
}

/**
 * Why `address` (an IP literal as `node:net` `isIP` accepts it) is not a public Internet
 * address, e.g. `"private (RFC 1918)"`; undefined when it is public. Classification is
 * ipaddr.js's range table; an IPv6 address that embeds an IPv4 address (mapped, NAT64, 6to4,
 * Teredo, IPv4-compatible, ISATAP: see `embedded-ipv4.ts`) is public only when every embedded
 * address is, and IPv4-compatible addresses never are. Anything that is not an IP literal is
 * refused (fail closed). With `allowLoopback` (tests only), loopback addresses pass.
 */
export function nonPublicReason(address: string, allowLoopback = false): string | undefined {
  const family = isIP(address);
  if (family === 0 || !ipaddr.isValid(address)) return "not an IP address";
  // ipaddr.js reads `::a.b.c.d` (IPv4-compatible) as `::ffff:a.b.c.d` (mapped); the WHATWG
  // URL serialiser writes every IPv6 address in hex groups, which ipaddr.js reads as the OS does.
  let parsed: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    parsed = ipaddr.parse(family === 6 ? new URL(`http://[${address}]/`).hostname.slice(1, -1) : address);
  } catch {
    return "not an IP address";
  }
  return parsed.kind() === "ipv4"
    ? ipv4Reason(parsed as ipaddr.IPv4, allowLoopback)
    : ipv6Reason(parsed as ipaddr.IPv6, allowLoopback);
}

/**
 * Resolves a URL's host name (node:dns `lookup`, as `fetch` does: the system resolver and
 * /etc/hosts) and returns the first address that is not public, with the reason, or
 * undefined when every address is public. An IP literal is checked as written (the WHATWG
 * URL parser has already turned `2130706433` or `0x7f.1` into `127.0.0.1`).
 *
 * Caveat (DNS rebinding): `fetch` resolves the name again when it connects, so a name
 * whose DNS answer changes between the two lookups can still reach a private address.
 * Closing that needs the connection itself pinned to the checked address (an HTTP agent
 * with a custom `lookup`), which Node's built-in `fetch` does not expose.
 *
 * @throws Error from the resolver (e.g. ENOTFOUND), which callers treat as a network failure
 */
export async function findNonPublicAddress(
  url: URL,
  allowLoopback: boolean,
): Promise<{ address: string; reason: string } | undefined> {
  const host = url.hostname.replace(/^\[(.*)\]$/, "$1");
  const addresses = isIP(host) ? [host] : (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);
  for (const address of addresses) {
    const reason = nonPublicReason(address, allowLoopback);
    if (reason) return { address, reason };
  }
  return undefined;
}
