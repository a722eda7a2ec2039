// Request headers as SigV4 and the codecs expect them: lower-case names, repeated values joined with ','.
// (Node's req.headers joins most repeats with ', ', which would not match the client's canonical request.)

/**
 * Node's own `req.headers` when it says the same as headersFromRaw would: every name once (Node keeps the
 * first of some repeated headers and joins others with ', ') and no set-cookie (which Node makes an array).
 * Node has built it anyway by the time a request is handled (it looks for Expect on every HTTP/1.1 request),
 * so reusing it saves building a second copy; undefined means build one (headersFromRaw).
 */
export function nodeHeadersIfSame(
  nodeHeaders: Record<string, string | string[] | undefined>,
  raw: readonly string[],
): Record<string, string> | undefined {
  if (nodeHeaders['set-cookie'] !== undefined) return undefined;
  let names = 0;
  for (const k in nodeHeaders) if (Object.hasOwn(nodeHeaders, k)) names++;
  return names * 2 === raw.length ? (nodeHeaders as Record<string, string>) : undefined;
}

/** From Node's `req.rawHeaders` ([name, value, name, value, …]). */
export function headersFromRaw(raw: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const k = raw[i]!.toLowerCase();
    const v = raw[i + 1]!;
    // A load, not `k in out`: on these ever-changing objects V8's `in` takes a slow generic path. The
    // typeof test also keeps inherited names (constructor, toString) from posing as an earlier value.
    const prev: unknown = out[k];
    out[k] = typeof prev === 'string' ? prev + ',' + v : v;
  }
  return out;
}
