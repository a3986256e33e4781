import { lookup } from "node:dns/promises";
import { BlockList, isIP } from "node:net";

/**
 * Address ranges a download must never reach: the host itself, private networks and cloud
 * metadata endpoints (IANA special-purpose registries, RFC 6890 and its updates). IPv4
 * rules also match IPv4-mapped IPv6 addresses (`::ffff:127.0.0.1`), as `BlockList` does.
 */
const NOT_PUBLIC: readonly [string, number, "ipv4" | "ipv6", string][] = [
  ["0.0.0.0", 8, "ipv4", "'this network'"],
  ["10.0.0.0", 8, "ipv4", "private (RFC 1918)"],
  ["100.64.0.0", 10, "ipv4", "carrier-grade NAT (RFC 6598)"],
  ["127.0.0.0", 8, "ipv4", "loopback"],
  ["169.254.0.0", 16, "ipv4", "link-local (cloud metadata endpoints)"],
  ["172.16.0.0", 12, "ipv4", "private (RFC 1918)"],
  ["192.0.0.0", 24, "ipv4", "IETF protocol assignments"],
  ["192.168.0.0", 16, "ipv4", "private (RFC 1918)"],
  ["198.18.0.0", 15, "ipv4", "benchmarking"],
  ["224.0.0.0", 4, "ipv4", "multicast"],
  ["240.0.0.0", 4, "ipv4", "reserved"],
  ["::", 128, "ipv6", "unspecified"],
  ["::1", 128, "ipv6", "loopback"],
  ["64:ff9b:1::", 48, "ipv6", "local-use NAT64"],
  ["fc00::", 7, "ipv6", "unique local"],
  ["fe80::", 10, "ipv6", "link-local"],
  ["ff00::", 8, "ipv6", "multicast"],
];

const RULES = NOT_PUBLIC.map(([network, prefix, type, why]) => {
  const list = new BlockList();
  list.addSubnet(network, prefix, type);
  return { list, why };
});

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet("127.0.0.0", 8, "ipv4");
LOOPBACK.addAddress("::1", "ipv6");

/**
 * Why `address` (an IP literal) is not a public Internet address, e.g. `"private (RFC
 * 1918)"`; undefined when it is public. With `allowLoopback`, loopback addresses pass.
 */
export function nonPublicReason(address: string, allowLoopback = false): string | undefined {
  const family = isIP(address) === 6 ? "ipv6" : "ipv4";
  if (allowLoopback && LOOPBACK.check(address, family)) return undefined;
  return RULES.find(({ list }) => list.check(address, family))?.why;
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
export async function findNonPublicAddress(url: URL, allowLoopback: boolean): Promise<{ address: string; reason: string } | undefined> {
  const host = url.hostname.replace(/^\[(.*)\]$/, "$1");
  const addresses = isIP(host) ? [host] : (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);
  for (const address of addresses) {
    const reason = nonPublicReason(address, allowLoopback);
    if (reason) return { address, reason };
  }
  return undefined;
}
