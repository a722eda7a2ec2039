// A whole HTTP/1.1 response (head and body) as one Buffer, written the way node:http writes what
// `res.writeHead(status, headers); res.end(body)` produces on a keep-alive connection:
//   HTTP/1.1 <status> <STATUS_CODES reason>\r\n
//   <the handler's headers, in order, names as given>\r\n
//   Date: <cached per second, as node does>\r\n
//   Connection: keep-alive\r\nKeep-Alive: timeout=<keepAliveTimeout s>\r\n   (or Connection: close\r\n)
//   \r\n<body>
// One piece so the reply costs one socket write, and one write per connection per batch (fast-path.ts).
import { STATUS_CODES, validateHeaderName, validateHeaderValue } from 'node:http';

export interface Reply {
  status: number;
  headers: Record<string, string>;
  body: string | Buffer;
}

let dateText = '';
let dateUntil = 0;

/** Node's utcDate(): the current second's IMF-fixdate, computed once a second. */
function httpDate(): string {
  const now = Date.now();
  if (now >= dateUntil) {
    dateText = new Date(now).toUTCString();
    dateUntil = now - (now % 1000) + 1000;
  }
  return dateText;
}

/**
 * The reply as written, as node:http writes it: a string body goes out in one string with the head
 * (node prepends its header text to a string body and writes both as UTF-8), a Buffer body after a
 * latin1 head. `keepAliveSeconds` undefined means `Connection: close`. Throws where node's writeHead would
 * (invalid status, header name or value); and for what node would frame or keep differently and this
 * writer does not model (no API reply has it): a body without Content-Length (node would send it
 * chunked), or the handler setting Connection, Keep-Alive, Transfer-Encoding or Trailer.
 */
export function replyBytes(r: Reply, keepAliveSeconds: number | undefined): string | Buffer {
  const status = r.status;
  if (!Number.isInteger(status) || status < 100 || status > 999) {
    throw new RangeError(`invalid status code ${status}`);
  }
  let head = `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'unknown'}\r\n`;
  let hasDate = false;
  let hasLength = false;
  const headers = r.headers;
  for (const name in headers) {
    const value = headers[name]!;
    validateHeaderName(name);
    validateHeaderValue(name, value);
    head += name + ': ' + value + '\r\n';
    switch (name.toLowerCase()) {
      case 'date':
        hasDate = true;
        break;
      case 'content-length':
        hasLength = true;
        break;
      case 'connection':
      case 'keep-alive':
      case 'transfer-encoding':
      case 'trailer':
        throw new Error(`the fast path does not write a handler-set ${name} header`);
    }
  }
  // Node sends no body for these statuses whatever the handler passed.
  const noBody = status === 204 || status === 304 || status < 200;
  if (!hasLength && !noBody) throw new Error('the fast path writes only replies with a Content-Length');
  if (!hasDate) head += 'Date: ' + httpDate() + '\r\n';
  head +=
    keepAliveSeconds === undefined
      ? 'Connection: close\r\n'
      : `Connection: keep-alive\r\nKeep-Alive: timeout=${keepAliveSeconds}\r\n`;
  head += '\r\n';
  const body = r.body;
  if (typeof body === 'string') return noBody ? head : head + body;
  if (noBody) return Buffer.from(head, 'latin1');
  const out = Buffer.allocUnsafe(head.length + body.length);
  out.write(head, 0, 'latin1');
  body.copy(out, head.length);
  return out;
}
