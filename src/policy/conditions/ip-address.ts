// Allocation-free IP address parsing for IpAddress/NotIpAddress. IPv4 becomes a uint32 number; IPv6
// becomes four uint32 words written into a caller's buffer. Strict forms only: dotted quad with
// 1-3 digit octets; IPv6 with hex groups, one `::`, an optional dotted-quad tail; no zone ids.

/** uint32 address of s[from, to), or -1 when it is not a dotted-quad IPv4 address. */
export function parseIPv4(s: string, from = 0, to = s.length): number {
  let parts = 0;
  let cur = 0;
  let digits = 0;
  let acc = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (++digits > 3) return -1;
      cur = cur * 10 + (c - 48);
    } else if (c === 46) {
      if (digits === 0 || cur > 255 || parts === 3) return -1;
      acc = acc * 256 + cur;
      parts++;
      cur = 0;
      digits = 0;
    } else return -1;
  }
  if (digits === 0 || cur > 255 || parts !== 3) return -1;
  return acc * 256 + cur;
}

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

const groups = new Uint16Array(8);

/** Parses s[from, to) as IPv6 into out[0..3] (big-endian words). false when it is not IPv6. */
export function parseIPv6(s: string, out: Uint32Array, from = 0, to = s.length): boolean {
  let n = 0;
  let gap = -1; // number of groups before "::"
  let i = from;
  if (to - from < 2) return false;
  if (s.charCodeAt(i) === 58) {
    if (s.charCodeAt(i + 1) !== 58) return false;
    gap = 0;
    i += 2;
  }
  while (i < to) {
    const start = i;
    let val = 0;
    let len = 0;
    let h: number;
    while (i < to && (h = hexValue(s.charCodeAt(i))) >= 0) {
      val = val * 16 + h;
      len++;
      i++;
    }
    if (i < to && s.charCodeAt(i) === 46) {
      // Dotted-quad tail: the last two groups.
      const v4 = parseIPv4(s, start, to);
      if (v4 < 0 || n > 6) return false;
      groups[n++] = Math.floor(v4 / 65536);
      groups[n++] = v4 & 0xffff;
      i = to;
      break;
    }
    if (len === 0 || len > 4 || n === 8) return false;
    groups[n++] = val;
    if (i === to) break;
    if (s.charCodeAt(i) !== 58) return false;
    i++;
    if (i < to && s.charCodeAt(i) === 58) {
      if (gap >= 0) return false;
      gap = n;
      i++;
    } else if (i === to) return false; // a single trailing colon
  }
  if (gap < 0) {
    if (n !== 8) return false;
  } else {
    if (n > 7) return false;
    const tail = n - gap;
    for (let k = 0; k < tail; k++) groups[7 - k] = groups[n - 1 - k];
    for (let k = gap; k < 8 - tail; k++) groups[k] = 0;
  }
  for (let w = 0; w < 4; w++) out[w] = groups[2 * w] * 65536 + groups[2 * w + 1];
  return true;
}

/** A parsed CIDR block: IPv4 as an inclusive numeric range, IPv6 as network and mask words. */
export type Cidr =
  { family: 4; lo: number; hi: number } | { family: 6; net: Uint32Array; mask: Uint32Array; prefix: number };

function maskWord(prefix: number, word: number): number {
  const bits = Math.max(0, Math.min(32, prefix - 32 * word));
  return bits === 0 ? 0 : bits === 32 ? 0xffffffff : (0xffffffff << (32 - bits)) >>> 0;
}

/** "a.b.c.d/n", "a.b.c.d", "x::y/n" or "x::y"; host bits are masked off. undefined when invalid. */
export function parseCidr(text: string): Cidr | undefined {
  const s = text.trim();
  const slash = s.indexOf('/');
  const addr = slash < 0 ? s : s.slice(0, slash);
  const prefixText = slash < 0 ? undefined : s.slice(slash + 1);
  if (prefixText !== undefined && !/^\d{1,3}$/.test(prefixText)) return undefined;
  if (!addr.includes(':')) {
    const a = parseIPv4(addr);
    const prefix = prefixText === undefined ? 32 : Number(prefixText);
    if (a < 0 || prefix > 32) return undefined;
    const mask = maskWord(prefix, 0);
    const lo = (a & mask) >>> 0;
    return { family: 4, lo, hi: (lo | ~mask) >>> 0 };
  }
  const words = new Uint32Array(4);
  const prefix = prefixText === undefined ? 128 : Number(prefixText);
  if (!parseIPv6(addr, words) || prefix > 128) return undefined;
  const mask = new Uint32Array(4);
  const net = new Uint32Array(4);
  for (let w = 0; w < 4; w++) {
    mask[w] = maskWord(prefix, w);
    net[w] = (words[w] & mask[w]) >>> 0;
  }
  return { family: 6, net, mask, prefix };
}

/**
 * The IPv4 range an IPv6 block covers through IPv4-mapped addresses (::ffff:a.b.c.d), so that
 * "::ffff:10.0.0.0/104" matches 10.1.2.3 and "::/0" matches every IPv4 address. undefined if none.
 */
export function mappedIPv4Range(c: Cidr & { family: 6 }): { lo: number; hi: number } | undefined {
  const mapped = [0, 0, 0xffff, 0];
  if (c.prefix <= 96) {
    for (let w = 0; w < 3; w++) if ((mapped[w] & c.mask[w]) >>> 0 !== c.net[w]) return undefined;
    return { lo: 0, hi: 0xffffffff };
  }
  if (c.net[0] !== 0 || c.net[1] !== 0 || c.net[2] !== 0xffff) return undefined;
  const lo = c.net[3];
  return { lo, hi: (lo | ~c.mask[3]) >>> 0 };
}
