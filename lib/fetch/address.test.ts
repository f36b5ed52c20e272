import { describe, expect, it } from "vitest";
import { forbiddenRange } from "./address";

// The SSRF guard's classifier: every class of address that is not public unicast is refused, in its
// IPv4 form and in each IPv6 form that carries an IPv4 address.

const refused: [string, RegExp][] = [
  ["127.0.0.1", /loopback/],
  ["127.255.255.254", /loopback/],
  ["10.1.2.3", /private/],
  ["172.16.0.1", /private/],
  ["172.31.255.255", /private/],
  ["192.168.1.1", /private/],
  ["169.254.169.254", /linkLocal/], // cloud metadata
  ["169.254.0.1", /linkLocal/],
  ["100.64.0.1", /carrierGradeNat/],
  ["100.127.255.255", /carrierGradeNat/],
  ["224.0.0.1", /multicast/],
  ["239.255.255.250", /multicast/],
  ["0.0.0.0", /unspecified/],
  ["0.1.2.3", /unspecified/],
  ["255.255.255.255", /broadcast/],
  ["192.0.2.10", /reserved/], // TEST-NET-1
  ["198.51.100.10", /reserved/], // TEST-NET-2
  ["203.0.113.10", /reserved/], // TEST-NET-3
  ["198.18.0.1", /reserved/], // benchmarking
  ["240.0.0.1", /reserved/],
  ["192.0.0.8", /reserved/],
  ["::1", /loopback/],
  ["::", /unspecified/],
  ["fe80::1", /linkLocal/],
  ["fc00::1", /uniqueLocal/],
  ["fd00:ec2::254", /uniqueLocal/], // AWS metadata over IPv6
  ["ff02::1", /multicast/],
  ["2001:db8::1", /reserved/], // documentation
  ["fec0::1", /deprecatedSiteLocal/],
  ["::ffff:127.0.0.1", /ipv4Mapped form of loopback/],
  ["::ffff:7f00:1", /ipv4Mapped form of loopback/],
  ["::ffff:169.254.169.254", /ipv4Mapped form of linkLocal/],
  ["::ffff:10.0.0.1", /ipv4Mapped form of private/],
  ["::127.0.0.1", /form of loopback/], // IPv4-compatible
  ["::a00:1", /form of private/],
  ["64:ff9b::7f00:1", /rfc6052 form of loopback/], // NAT64
  ["64:ff9b::a9fe:a9fe", /rfc6052 form of linkLocal/],
  ["64:ff9b:1::1", /rfc6052 form of unspecified/], // local-use NAT64, refused whole
  ["::ffff:0:7f00:1", /rfc6145 form of loopback/],
  ["2002:7f00:1::", /6to4 form of loopback/],
  ["2002:c0a8:101::1", /6to4 form of private/],
  ["2001:0:4136:e378:8000:63bf:3fff:fdd2", /./], // Teredo
  ["not-an-address", /not an address/],
];

const allowed = ["93.184.215.14", "8.8.8.8", "1.1.1.1", "2606:4700:4700::1111", "2a00:1450:4001:80b::200e", "::ffff:8.8.8.8", "64:ff9b::808:808", "2002:808:808::1"];

describe("forbiddenRange", () => {
  it.each(refused)("refuses %s", (address, why) => {
    expect(forbiddenRange(address)).toMatch(why);
  });

  it.each(allowed)("allows the public address %s", (address) => {
    expect(forbiddenRange(address)).toBeNull();
  });
});
