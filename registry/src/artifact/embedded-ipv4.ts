import ipaddr from "ipaddr.js";

/**
 * An IPv4 address carried inside an IPv6 address, with the form that carries it.
 * `form` is what a reader sees in a diagnostic, e.g. "NAT64 (RFC 6052)".
 */
export interface EmbeddedIPv4 {
  form: string;
  address: ipaddr.IPv4;
}

const ISATAP_MARKERS = new Set([0x00005efe, 0x02005efe]);

/** The 32 bits of `parts` (eight 16-bit groups) starting at group `group`, as an IPv4 address. */
function ipv4At(parts: number[], group: number, invert = false): ipaddr.IPv4 {
  const high = parts[group] ?? 0;
  const low = parts[group + 1] ?? 0;
  const bytes = [high >> 8, high & 0xff, low >> 8, low & 0xff].map((b) => (invert ? ~b & 0xff : b));
  return new ipaddr.IPv4(bytes);
}

/**
 * Every IPv4 address an IPv6 address embeds, by the standard forms a network stack or a
 * translator may turn back into IPv4: IPv4-mapped (`::ffff:a.b.c.d`, RFC 4291), IPv4-translated
 * (`::ffff:0:a.b.c.d`, RFC 6145), IPv4-compatible (`::a.b.c.d`, deprecated by RFC 4291), NAT64
 * with the well-known or local-use prefix (`64:ff9b::/96`, `64:ff9b:1::/48`, RFC 6052/8215),
 * 6to4 (`2002:AABB:CCDD::`, RFC 3056), Teredo server and client (`2001:0::/32`, RFC 4380, the
 * client address stored inverted) and an ISATAP interface id (`…:0:5efe:a.b.c.d`, RFC 5214).
 * The forms are told apart by ipaddr.js's range classification where it names them.
 * Returns an empty list when the address embeds none. NAT64 under an operator's own prefix
 * cannot be recognised from the address alone.
 */
export function embeddedIPv4(address: ipaddr.IPv6): EmbeddedIPv4[] {
  const parts = address.parts;
  const found: EmbeddedIPv4[] = [];
  switch (address.range()) {
    case "ipv4Mapped":
      found.push({ form: "IPv4-mapped", address: address.toIPv4Address() });
      break;
    case "rfc6145":
      found.push({ form: "IPv4-translated (RFC 6145)", address: ipv4At(parts, 6) });
      break;
    case "rfc6052":
      found.push({ form: "NAT64 (RFC 6052)", address: ipv4At(parts, 6) });
      break;
    case "6to4":
      found.push({ form: "6to4 (RFC 3056)", address: ipv4At(parts, 1) });
      break;
    case "teredo":
      found.push({ form: "Teredo server (RFC 4380)", address: ipv4At(parts, 2) });
      found.push({ form: "Teredo client (RFC 4380)", address: ipv4At(parts, 6, true) });
      break;
  }
  if (parts.slice(0, 6).every((p) => p === 0) && !address.match(ipaddr.IPv6.parse("::"), 127)) {
    found.push({ form: "IPv4-compatible (deprecated, RFC 4291)", address: ipv4At(parts, 6) });
  }
  if (ISATAP_MARKERS.has((((parts[4] ?? 0) << 16) | (parts[5] ?? 0)) >>> 0)) {
    found.push({ form: "ISATAP (RFC 5214)", address: ipv4At(parts, 6) });
  }
  return found;
}
