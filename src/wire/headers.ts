// Request headers as SigV4 and the codecs expect them: lower-case names, repeated values joined with ','.
// (Node's req.headers joins most repeats with ', ', which would not match the client's canonical request.)

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
