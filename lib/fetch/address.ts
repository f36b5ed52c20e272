import ipaddr from "ipaddr.js";

// Which addresses the server may fetch from: public unicast only. Everything else (loopback, private
// networks, link-local with the cloud metadata service at 169.254.169.254, CGNAT, multicast, reserved
// and documentation ranges, IPv6 unique-local such as AWS's fd00:ec2::254) is inside the operator's
// network or nobody's, and a URL someone pastes must not reach it (SSRF, issue 14).

/** Why an address is refused, in the classifier's words ("loopback", "private", …), or null for a public one. */
export function forbiddenRange(address: string): string | null {
  if (!ipaddr.isValid(address)) return "not an address";
  const parsed = ipaddr.parse(address);
  if (parsed.kind() === "ipv4") {
    const range = parsed.range();
    return range === "unicast" ? null : range;
  }
  const v6 = parsed as ipaddr.IPv6;
  const embedded = embeddedIPv4(v6);
  if (embedded) {
    // The same IPv4 address in an IPv6 form reaches the same host: judge the IPv4 address.
    const range = embedded.range();
    return range === "unicast" ? null : `${v6.range()} form of ${range} ${embedded.toString()}`;
  }
  const range = v6.range();
  return range === "unicast" ? null : range;
}

/** The IPv4 address an IPv6 address carries: mapped (::ffff:a.b.c.d), translated, NAT64 (64:ff9b::/96), compatible (::a.b.c.d), 6to4. */
function embeddedIPv4(address: ipaddr.IPv6): ipaddr.IPv4 | null {
  const parts = address.parts;
  const last32 = () => new ipaddr.IPv4([parts[6]! >> 8, parts[6]! & 0xff, parts[7]! >> 8, parts[7]! & 0xff]);
  switch (address.range()) {
    case "ipv4Mapped":
    case "rfc6145":
      return last32();
    case "rfc6052":
      // 64:ff9b::/96 carries it in the last 32 bits; the local-use 64:ff9b:1::/48 is refused as a whole.
      return parts[2] === 0 && parts[3] === 0 && parts[4] === 0 && parts[5] === 0 ? last32() : new ipaddr.IPv4([0, 0, 0, 0]);
    case "6to4":
      return new ipaddr.IPv4([parts[1]! >> 8, parts[1]! & 0xff, parts[2]! >> 8, parts[2]! & 0xff]);
    case "unicast":
      // The deprecated IPv4-compatible form ::a.b.c.d, which ipaddr.js calls unicast.
      return parts.slice(0, 6).every((part) => part === 0) ? last32() : null;
    default:
      return null;
  }
}

/** A host name as URLs write it, without the brackets of an IPv6 literal. */
export function bareHost(hostname: string): string {
  return hostname.startsWith("[") && hostname.endsWith("]") ? hostname.slice(1, -1) : hostname;
}
