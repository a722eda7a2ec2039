// SigV4's ISO 8601 basic-format timestamps (20261121T200000Z).

const AMZ_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

/** Milliseconds since the epoch, or NaN when the string is not yyyyMMddTHHmmssZ. */
export function parseAmzDate(s: string): number {
  const m = AMZ_DATE.exec(s);
  if (!m) return NaN;
  const month = +m[2]! - 1;
  const day = +m[3]!;
  const t = Date.UTC(+m[1]!, month, day, +m[4]!, +m[5]!, +m[6]!);
  // Reject impossible dates (20261332T…, T246000Z) that Date.UTC would silently roll over.
  if (+m[4]! > 23 || +m[5]! > 59 || +m[6]! > 59) return NaN;
  const d = new Date(t);
  return d.getUTCMonth() === month && d.getUTCDate() === day ? t : NaN;
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
