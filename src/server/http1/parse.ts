// A deliberately narrow HTTP/1.1 request-head parser for the fast path (see fast-path.ts).
//
// It answers one question: is this head one of the plain, unambiguous API requests the fast path may
// serve itself? Anything else — malformed, unusual, or merely something this parser does not model
// (chunked bodies, Expect, Upgrade, HTTP/1.0, repeated headers, obs-fold, non-ASCII bytes…) — is
// NOT_MINE, and the connection goes to node:http, which gives its own answer (400, 431, 417…). So the
// rules here are strict on purpose: a request is accepted only if node:http would read it exactly the
// same way (same method, target, header values and body framing). That is what keeps request smuggling
// out: no head is ever framed differently by the two parsers, because anything doubtful is never framed
// by this one.

/** The head needs more bytes before it can be judged. */
export const INCOMPLETE = 0;
/** Not for the fast path: hand the connection (from this request on) to node:http. */
export const NOT_MINE = 1;

/**
 * Node counts the request line and header bytes (without CRLFs and separators) against its 16 KiB
 * maxHeaderSize and refuses a head whose count reaches it; a whole head (every byte) below it is
 * therefore below node's count too. Anything longer goes to node, which decides (431 or not).
 */
export const MAX_HEAD_BYTES = 16 * 1024 - 1;
/** Node keeps at most maxHeadersCount (2000) headers and silently drops the rest; we take far fewer. */
export const MAX_HEADERS = 100;

export interface RequestHead {
  method: 'GET' | 'POST';
  /** The raw request-target (origin-form), as node's req.url. */
  target: string;
  /** The target up to the first '?'. */
  path: string;
  /** After the first '?' ('' when none). */
  rawQuery: string;
  /** Lower-case names; every name appears once (a repeated header is NOT_MINE). */
  headers: Record<string, string>;
  /** The body length (0 without Content-Length). */
  contentLength: number;
  /** The client sent `Connection: close`: answer this request and close. */
  close: boolean;
  /** Bytes of the head, through the blank line. */
  headBytes: number;
}

export type HeadResult = RequestHead | typeof INCOMPLETE | typeof NOT_MINE;

const CRLFCRLF = Buffer.from('\r\n\r\n');
/** Bytes node accepts in a head that this parser accepts too: HTAB, printable ASCII, CR and LF. */
const OUTSIDE_ALLOWED = /[^\t\x20-\x7e\r\n]/;
/** A CR not followed by LF, or an LF not after a CR (a CR at the very end may be a CRLF split in two). */
const BARE_CR_OR_LF = /\r(?!\n|$)|(?<!\r)\n/;
/** Origin-form only: '/' then printable ASCII without '#' (node would cut a fragment) or spaces. */
const REQUEST_LINE = /(GET|POST) (\/[\x21\x22\x24-\x7e]*) HTTP\/1\.1\r\n/y;
/**
 * `token ":" OWS value OWS CRLF`, the value printable ASCII and HTAB, without its surrounding OWS. A name
 * must reach the colon (no whitespace before it, no obs-fold line starting with it), and a CR or LF can
 * only end the line, so bare ones fail. The value starts and ends with a visible character, which keeps
 * the match linear on any input (no two ways to split a run of spaces).
 */
const HEADER_LINE =
  /([!#$%&'*+\-.^_`|~0-9A-Za-z]+):[\t ]*(?:([\x21-\x7e](?:[\t\x20-\x7e]*[\x21-\x7e])?)[\t ]*)?\r\n/y;
/** Digits only, no sign, no leading zero (which node's and other parsers might read differently). */
const CONTENT_LENGTH = /^(?:0|[1-9][0-9]{0,15})$/;

/**
 * Parses the head starting at `start` in `buf`. `maxBody` bounds Content-Length (a longer body is
 * NOT_MINE: node's path answers it, with the same 413 as before).
 */
export function parseHead(buf: Buffer, start: number, maxBody: number): HeadResult {
  const blank = buf.indexOf(CRLFCRLF, start);
  if (blank < 0) {
    // Judge what is there now: a request that is already wrong (or will be too long) must go to node
    // at once, or its client would wait for an answer that only node would give.
    if (buf.length - start > MAX_HEAD_BYTES) return NOT_MINE;
    return validPrefix(buf.toString('latin1', start)) ? INCOMPLETE : NOT_MINE;
  }
  const headBytes = blank + 4 - start;
  if (headBytes > MAX_HEAD_BYTES) return NOT_MINE;
  // Every byte is one character (latin1): a non-ASCII byte stays visible to the patterns, and fails them.
  const text = buf.toString('latin1', start, blank + 4);
  REQUEST_LINE.lastIndex = 0;
  const line = REQUEST_LINE.exec(text);
  if (!line) return NOT_MINE;
  const headers: Record<string, string> = {};
  let count = 0;
  let contentLength = 0;
  let close = false;
  // Lines run up to the first blank line (`blank`), so the last CRLF left is the head's end.
  const last = text.length - 2;
  for (let at = REQUEST_LINE.lastIndex; at < last; at = HEADER_LINE.lastIndex) {
    if (++count > MAX_HEADERS) return NOT_MINE;
    HEADER_LINE.lastIndex = at;
    const m = HEADER_LINE.exec(text);
    if (!m) return NOT_MINE;
    const name = m[1]!.toLowerCase();
    // A load, not `in`: names like `constructor` are inherited functions, not earlier values.
    const prev: unknown = headers[name];
    if (typeof prev === 'string' || name === '__proto__') return NOT_MINE;
    const value = m[2] ?? '';
    switch (name) {
      case 'content-length':
        if (!CONTENT_LENGTH.test(value)) return NOT_MINE;
        contentLength = Number(value);
        if (contentLength > maxBody) return NOT_MINE;
        break;
      case 'connection': {
        const c = connectionClose(value);
        if (c === undefined) return NOT_MINE;
        close = c;
        break;
      }
      case 'transfer-encoding':
      case 'expect':
      case 'upgrade':
        return NOT_MINE;
    }
    headers[name] = value;
  }
  // Node answers an HTTP/1.1 request without Host with 400 itself.
  if (headers['host'] === undefined) return NOT_MINE;
  const target = line[2]!;
  const q = target.indexOf('?');
  return {
    method: line[1] as 'GET' | 'POST',
    target,
    path: q < 0 ? target : target.slice(0, q),
    rawQuery: q < 0 ? '' : target.slice(q + 1),
    headers,
    contentLength,
    close,
    headBytes,
  };
}

/** An incomplete head: its bytes so far, and its request line once complete, are all fine. */
function validPrefix(text: string): boolean {
  if (OUTSIDE_ALLOWED.test(text) || BARE_CR_OR_LF.test(text)) return false;
  if (text.indexOf('\r\n') < 0) return true;
  // Header lines are judged once the head is complete; their bytes were checked above.
  REQUEST_LINE.lastIndex = 0;
  return REQUEST_LINE.test(text);
}

/**
 * `Connection` with only keep-alive / close tokens (any case): whether it says close; undefined for
 * anything else (other tokens name hop-by-hop headers or upgrades this parser does not model).
 */
function connectionClose(value: string): boolean | undefined {
  // What clients send, without splitting.
  if (value === 'keep-alive') return false;
  if (value === 'close') return true;
  let close = false;
  for (const part of value.split(',')) {
    const token = part.trim().toLowerCase();
    if (token === 'close') close = true;
    else if (token !== 'keep-alive') return undefined;
  }
  return close;
}
