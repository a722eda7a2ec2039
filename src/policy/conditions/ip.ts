// IpAddress / NotIpAddress: the request value (e.g. aws:SourceIp) against IPv4 and IPv6 CIDR blocks
// or single addresses. IPv4 and IPv4-mapped IPv6 (::ffff:a.b.c.d) requests are the same address;
// an IPv6 block covering mapped space also covers the IPv4 addresses in it. A request value that is
// not an IP address (aws:SourceIp holds a service name when an AWS service calls on your behalf)
// matches nothing — so NotIpAddress is true for it, as in AWS.
// Cost: parse is a char loop into a reused buffer; a check is a few numeric comparisons, no allocation.
// The last parsed request address is remembered: one decision checks the same aws:SourceIp against
// every policy's IP conditions, so all but the first check skip parsing (a string compare instead).

import { mappedIPv4Range, parseCidr, parseIPv4, parseIPv6 } from './ip-address.js';
import { MATCH, NO_MATCH, type OperatorSpec, type ValueMatcher } from './types.js';

const request6 = new Uint32Array(4);
let lastText: string | undefined;
/** 4 (IPv4 or IPv4-mapped, in lastV4), 6 (in request6) or 0 (not an address). */
let lastFamily = 0;
let lastV4 = 0;

function classify(v: string): number {
  if (v === lastText) return lastFamily;
  lastText = v;
  if (v.indexOf(':') < 0) {
    lastV4 = parseIPv4(v);
    lastFamily = lastV4 < 0 ? 0 : 4;
  } else if (!parseIPv6(v, request6)) lastFamily = 0;
  else if (request6[0] === 0 && request6[1] === 0 && request6[2] === 0xffff) {
    lastV4 = request6[3];
    lastFamily = 4;
  } else lastFamily = 6;
  return lastFamily;
}

function buildIp(values: readonly string[]): ValueMatcher {
  const lo4: number[] = [];
  const hi4: number[] = [];
  const nets: number[] = [];
  const masks: number[] = [];
  for (const value of values) {
    const c = parseCidr(value);
    if (c === undefined) continue;
    if (c.family === 4) {
      lo4.push(c.lo);
      hi4.push(c.hi);
      continue;
    }
    nets.push(...c.net);
    masks.push(...c.mask);
    const r = mappedIPv4Range(c);
    if (r) {
      lo4.push(r.lo);
      hi4.push(r.hi);
    }
  }
  const lo = Float64Array.from(lo4);
  const hi = Float64Array.from(hi4);
  const net = Uint32Array.from(nets);
  const mask = Uint32Array.from(masks);
  const in4 = (a: number) => {
    for (let i = 0; i < lo.length; i++) if (a >= lo[i] && a <= hi[i]) return MATCH;
    return NO_MATCH;
  };
  return (v) => {
    const family = classify(v);
    if (family === 4) return in4(lastV4);
    if (family === 0) return NO_MATCH;
    for (let i = 0; i < net.length; i += 4) {
      if (
        (request6[0] & mask[i]) >>> 0 === net[i] &&
        (request6[1] & mask[i + 1]) >>> 0 === net[i + 1] &&
        (request6[2] & mask[i + 2]) >>> 0 === net[i + 2] &&
        (request6[3] & mask[i + 3]) >>> 0 === net[i + 3]
      )
        return MATCH;
    }
    return NO_MATCH;
  };
}

export const ipOperators: OperatorSpec[] = [
  { name: 'IpAddress', negated: false, build: buildIp },
  { name: 'NotIpAddress', negated: true, build: buildIp },
];
