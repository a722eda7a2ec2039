// Request headers as SigV4 and the codecs expect them: lower-case names, repeated values joined with ','.
// (Node's req.headers joins most repeats with ', ', which would not match the client's canonical request.)

/** From Node's `req.rawHeaders` ([name, value, name, value, …]). */
export function headersFromRaw(raw: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const k = raw[i]!.toLowerCase();
    const v = raw[i + 1]!;
    out[k] = k in out ? `${out[k]},${v}` : v;
  }
  return out;
}
