// IAM's "legacy parsing" of Date* condition values: a value with "t" or "-" must be an ISO 8601
// date/time within Java's date range, anything else an epoch number in [0, 2^63-1]. Values that fail
// make IAM answer "The policy failed legacy parsing".

const MAX_EPOCH = 9223372036854775807n;
const DATE_RE = /^(-?)(\d+)(?:-(\d+))?(?:-(\d+))?$/;
// HH[:MM[:SS[.fraction][Z|±HH[:MM]]]] - a zone is only read after seconds, as IAM does.
const TIME_RE = /^(\d+)(?::(\d+)(?::(\d+)(?:\.(\d+))?(z|[+-](\d{2})(?::(\d{2}))?)?)?)?$/;

function inRange(digits: string | undefined, lo: number, hi: number): boolean {
  if (digits === undefined) return true;
  const n = Number(digits);
  return n >= lo && n <= hi;
}

function isIsoDateTime(lower: string): boolean {
  const t = lower.indexOf('t');
  const datePart = t < 0 ? lower : lower.slice(0, t);
  const timePart = t < 0 ? '' : lower.slice(t + 1);
  const d = DATE_RE.exec(datePart);
  if (!d) return false;
  const year = Number(d[1] + d[2]);
  if (year < -292275054 || year > 292278993) return false;
  if (!inRange(d[3], 1, 12) || !inRange(d[4], 1, 31)) return false;
  if (timePart === '') return true;
  const m = TIME_RE.exec(timePart);
  if (!m) return false;
  return (
    inRange(m[1], 0, 23) &&
    inRange(m[2], 0, 59) &&
    inRange(m[3], 0, 59) &&
    inRange(m[4], 0, 999999999) &&
    inRange(m[6], 0, 23) &&
    inRange(m[7], 0, 59)
  );
}

/** True if IAM's legacy parser accepts `value` as the value of a Date* condition. */
export function isLegacyDateValue(value: string): boolean {
  const lower = value.toLowerCase();
  if (lower.includes('t') || lower.includes('-')) return isIsoDateTime(lower);
  const s = value.trim();
  if (!/^\+?\d+$/.test(s)) return false;
  return BigInt(s) <= MAX_EPOCH;
}
