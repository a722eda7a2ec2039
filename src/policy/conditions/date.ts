// Date operators. Values are instants: ISO 8601 (date, date+time to minutes/seconds/fractions, with
// Z / ±hh:mm / ±hhmm / ±hh or no zone meaning UTC, extended or basic format) or epoch seconds (how
// aws:EpochTime is written; a bare integer such as "1700000000" is always epoch). Comparison is on
// milliseconds since the epoch (fractions kept). A value that parses as neither matches nothing.

import { anyValue, MATCH, NO_MATCH, type OperatorSpec, type ValueMatcher } from './types.js';

const EPOCH = /^[+-]?\d+(?:\.\d+)?$/;
const EXTENDED =
  /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?([Zz]|[+-]\d{2}(?::?\d{2})?)?)?)?)?$/;
const BASIC =
  /^(\d{4})(\d{2})(\d{2})[Tt](\d{2})(\d{2})(?:(\d{2})(?:[.,](\d+))?)?([Zz]|[+-]\d{2}(?::?\d{2})?)?$/;

function offsetMinutes(zone: string | undefined): number {
  if (zone === undefined || zone === 'Z' || zone === 'z') return 0;
  const sign = zone[0] === '-' ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const h = Number(digits.slice(0, 2));
  const m = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
  if (h > 23 || m > 59) return NaN;
  return sign * (h * 60 + m);
}

function parseUncached(s: string): number {
  if (EPOCH.test(s)) return Number(s) * 1000;
  const m = EXTENDED.exec(s) ?? BASIC.exec(s);
  if (!m) return NaN;
  const [, y, mo = '01', d = '01', hh = '00', mi = '00', ss = '00', frac, zone] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(hh);
  const minute = Number(mi);
  const second = Number(ss);
  if (month < 1 || month > 12 || day < 1 || hour > 24 || minute > 59 || second > 60) return NaN;
  if (hour === 24 && (minute !== 0 || second !== 0 || (frac !== undefined && Number(frac) !== 0))) return NaN;
  // Date.UTC rolls 31 Feb into March: reject days past the month's end.
  if (day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return NaN;
  const off = offsetMinutes(zone);
  const base = Date.UTC(year, month - 1, day, hour, minute, Math.min(second, 59));
  const fraction = frac === undefined ? 0 : Number(`0.${frac}`) * 1000;
  // A leap second (:60) is the instant after :59.
  return base + (second === 60 ? 1000 : 0) + fraction - off * 60_000;
}

// aws:CurrentTime is the same string across every policy of one decision: a one-entry cache turns
// its repeated parses into a string comparison.
let lastText = '';
let lastValue = NaN;

/** Milliseconds since the epoch, or NaN when the value is not a date. */
export function parseDate(s: string): number {
  if (s === lastText) return lastValue;
  const v = parseUncached(s);
  lastText = s;
  lastValue = v;
  return v;
}

type Cmp = (request: number, policy: number) => boolean;

function date(name: string, negated: boolean, cmp: Cmp): OperatorSpec {
  return {
    name,
    negated,
    build(values): ValueMatcher {
      const instants = values.map(parseUncached).filter((n) => !Number.isNaN(n));
      if (instants.length === 0) return anyValue([]);
      return (v) => {
        const t = parseDate(v);
        if (Number.isNaN(t)) return NO_MATCH;
        for (let i = 0; i < instants.length; i++) if (cmp(t, instants[i])) return MATCH;
        return NO_MATCH;
      };
    },
  };
}

export const dateOperators: OperatorSpec[] = [
  date('DateEquals', false, (r, p) => r === p),
  date('DateNotEquals', true, (r, p) => r === p),
  date('DateLessThan', false, (r, p) => r < p),
  date('DateLessThanEquals', false, (r, p) => r <= p),
  date('DateGreaterThan', false, (r, p) => r > p),
  date('DateGreaterThanEquals', false, (r, p) => r >= p),
];
