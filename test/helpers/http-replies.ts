// Raw HTTP/1.1 replies read back from a socket's text, for tests that speak HTTP by hand.

export interface ParsedReply {
  /** The status line, e.g. "HTTP/1.1 200 OK". */
  status: string;
  /** Lower-case names. */
  headers: Record<string, string>;
  body: string;
}

/** The complete replies in `text`, in order (a 100 Continue has no body); an incomplete last one is left out. */
export function parseReplies(text: string): ParsedReply[] {
  const out: ParsedReply[] = [];
  let at = 0;
  for (;;) {
    const end = text.indexOf('\r\n\r\n', at);
    if (end < 0) return out;
    const lines = text.slice(at, end).split('\r\n');
    const headers: Record<string, string> = {};
    for (const l of lines.slice(1)) {
      const c = l.indexOf(':');
      headers[l.slice(0, c).toLowerCase()] = l.slice(c + 1).trim();
    }
    const len = lines[0]!.startsWith('HTTP/1.1 100 ') ? 0 : Number(headers['content-length'] ?? 0);
    if (text.length < end + 4 + len) return out;
    out.push({ status: lines[0]!, headers, body: text.slice(end + 4, end + 4 + len) });
    at = end + 4 + len;
  }
}
