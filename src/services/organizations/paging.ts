// NextToken paging for Organizations' list operations. The token is the offset, base64url-encoded
// with a fixed prefix so that a token from elsewhere is rejected with AWS's InvalidInputException.
import { AwsError } from '../../wire/errors.js';

export function paginate<T>(
  items: T[],
  nextToken: string | undefined,
  maxResults: number | undefined,
): { items: T[]; nextToken?: string } {
  let start = 0;
  if (nextToken !== undefined) {
    const m = /^o:(\d+)$/.exec(Buffer.from(nextToken, 'base64url').toString('utf8'));
    if (!m) {
      throw new AwsError('InvalidInputException', 'You specified an invalid value for nextToken.', {
        fields: { Reason: 'INVALID_NEXT_TOKEN' },
      });
    }
    start = Number(m[1]);
  }
  const max = maxResults ?? 20;
  const end = Math.min(items.length, start + max);
  return {
    items: items.slice(start, end),
    nextToken: end < items.length ? Buffer.from(`o:${end}`).toString('base64url') : undefined,
  };
}
