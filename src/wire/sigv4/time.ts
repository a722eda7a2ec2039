// SigV4's ISO 8601 basic-format timestamps (20261121T200000Z).

/** The last string parsed and its value: requests signed in the same second share their X-Amz-Date. */
let lastText = '';
let lastMs = NaN;

/** Milliseconds since the epoch, or NaN when the string is not yyyyMMddTHHmmssZ. */
export function parseAmzDate(s: string): number {
  if (s === lastText) return lastMs;
  const ms = parseUncached(s);
  lastText = s;
  lastMs = ms;
  return ms;
}

function parseUncached(s: string): number {
  if (s.length !== 16 || s.charCodeAt(8) !== 0x54 /* T */ || s.charCodeAt(15) !== 0x5a /* Z */) return NaN;
  const year = digits(s, 0, 4);
  const month = digits(s, 4, 2);
  const day = digits(s, 6, 2);
  const hour = digits(s, 9, 2);
  const minute = digits(s, 11, 2);
  const second = digits(s, 13, 2);
  // Impossible dates (20261332T…, 20260230T…, T246000Z) are refused, not rolled over as Date.UTC would.
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return NaN;
  if (hour > 23 || minute > 59 || second > 59) return NaN;
  return Date.UTC(year, month - 1, day, hour, minute, second);
}

/** The decimal value of s[at, at+n), or NaN when any of it is not a digit. */
function digits(s: string, at: number, n: number): number {
  let v = 0;
  for (let i = at; i < at + n; i++) {
    const d = s.charCodeAt(i) - 0x30;
    if (d < 0 || d > 9) return NaN;
    v = v * 10 + d;
  }
  return v;
}

function daysIn(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

export function formatAmzDate(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** Parses an HTTP `Date` header (RFC 7231 IMF-fixdate and friends) to ms, or NaN. */
export function parseHttpDate(s: string): number {
  return /GMT$|UTC$|[+-]\d{4}$/.test(s.trim()) ? Date.parse(s) : NaN;
}
