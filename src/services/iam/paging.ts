// IAM's paging: Marker / MaxItems in, IsTruncated / Marker out. MaxItems defaults to 100 (1–1000 are
// validated by the model). The marker is opaque to clients: the offset, encoded.
import { AwsError } from '../../wire/errors.js';

export interface Page<T> {
  items: T[];
  IsTruncated: boolean;
  Marker?: string;
}

export function iamPage<T>(
  all: readonly T[],
  marker: string | undefined,
  maxItems: number | undefined,
): Page<T> {
  let start = 0;
  if (marker !== undefined) {
    const m = /^iam:(\d+)$/.exec(Buffer.from(marker, 'base64url').toString('utf8'));
    if (!m) throw new AwsError('ValidationError', 'Invalid Marker.');
    start = Number(m[1]);
  }
  const end = Math.min(all.length, start + (maxItems ?? 100));
  const truncated = end < all.length;
  return {
    items: all.slice(start, end),
    IsTruncated: truncated,
    Marker: truncated ? Buffer.from(`iam:${end}`).toString('base64url') : undefined,
  };
}

/** Sorts IAM entities as AWS lists them: by name, case-insensitively. */
export function byName<T>(key: (x: T) => string): (a: T, b: T) => number {
  return (a, b) => {
    const x = key(a).toLowerCase();
    const y = key(b).toLowerCase();
    return x < y ? -1 : x > y ? 1 : 0;
  };
}

/** PathPrefix filtering as IAM does it: a plain string prefix of the entity's path. */
export function underPath(path: string, prefix: string | undefined): boolean {
  return prefix === undefined || path.startsWith(prefix);
}
