// The fast path's head parser: what it accepts (exactly as node:http reads it) and what it leaves to node.
import { test } from 'node:test';
import { performance } from 'node:perf_hooks';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { connect } from 'node:net';
import {
  INCOMPLETE,
  MAX_HEAD_BYTES,
  NOT_MINE,
  parseHead,
  type RequestHead,
} from '../../../src/server/http1/parse.js';
import { headersFromRaw } from '../../../src/wire/headers.js';

const MAX_BODY = 1024 * 1024;
const parse = (text: string) => parseHead(Buffer.from(text, 'latin1'), 0, MAX_BODY);

const accepted: { name: string; text: string; want: Omit<RequestHead, 'headBytes'> }[] = [
  {
    name: 'signed POST with a body',
    text: 'POST / HTTP/1.1\r\nHost: h:1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 43\r\nX-Amz-Date: 20260101T000000Z\r\nAuthorization: AWS4-HMAC-SHA256 Credential=AKIA/20260101/us-east-1/sts/aws4_request, SignedHeaders=host, Signature=ab\r\n\r\n',
    want: {
      method: 'POST',
      target: '/',
      path: '/',
      rawQuery: '',
      headers: {
        host: 'h:1',
        'content-type': 'application/x-www-form-urlencoded',
        'content-length': '43',
        'x-amz-date': '20260101T000000Z',
        authorization:
          'AWS4-HMAC-SHA256 Credential=AKIA/20260101/us-east-1/sts/aws4_request, SignedHeaders=host, Signature=ab',
      },
      contentLength: 43,
      close: false,
    },
  },
  {
    name: 'GET with a query, no body',
    text: 'GET /?Action=GetCallerIdentity&Version=2011-06-15 HTTP/1.1\r\nHost: h\r\n\r\n',
    want: {
      method: 'GET',
      target: '/?Action=GetCallerIdentity&Version=2011-06-15',
      path: '/',
      rawQuery: 'Action=GetCallerIdentity&Version=2011-06-15',
      headers: { host: 'h' },
      contentLength: 0,
      close: false,
    },
  },
  {
    name: 'whitespace around values is not part of them; empty value; tab inside a value',
    text: 'GET /a?b?c HTTP/1.1\r\nHost:h\r\nX-A: \t v  w \t\r\nX-Empty:\r\nX-Tab: a\tb\r\n\r\n',
    want: {
      method: 'GET',
      target: '/a?b?c',
      path: '/a',
      rawQuery: 'b?c',
      headers: { host: 'h', 'x-a': 'v  w', 'x-empty': '', 'x-tab': 'a\tb' },
      contentLength: 0,
      close: false,
    },
  },
  {
    name: 'Connection: close (any case), Content-Length 0',
    text: 'POST / HTTP/1.1\r\nHost: h\r\nConnection: Keep-Alive, CLOSE\r\nContent-Length: 0\r\n\r\n',
    want: {
      method: 'POST',
      target: '/',
      path: '/',
      rawQuery: '',
      headers: { host: 'h', connection: 'Keep-Alive, CLOSE', 'content-length': '0' },
      contentLength: 0,
      close: true,
    },
  },
  {
    name: 'names like Object.prototype members are ordinary headers',
    text: 'GET / HTTP/1.1\r\nHost: h\r\nConstructor: a\r\ntoString: b\r\nhasOwnProperty: c\r\n\r\n',
    want: {
      method: 'GET',
      target: '/',
      path: '/',
      rawQuery: '',
      headers: { host: 'h', constructor: 'a', tostring: 'b', hasownproperty: 'c' },
      contentLength: 0,
      close: false,
    },
  },
  {
    name: "every printable target character but '#'",
    text: `GET /${printableTarget()} HTTP/1.1\r\nHost: h\r\n\r\n`,
    want: {
      method: 'GET',
      target: `/${printableTarget()}`,
      path: `/${printableTarget().split('?')[0]}`,
      rawQuery: printableTarget().slice(printableTarget().indexOf('?') + 1),
      headers: { host: 'h' },
      contentLength: 0,
      close: false,
    },
  },
  {
    name: 'Content-Length at the limit',
    text: `POST / HTTP/1.1\r\nHost: h\r\nContent-Length: ${MAX_BODY}\r\n\r\n`,
    want: {
      method: 'POST',
      target: '/',
      path: '/',
      rawQuery: '',
      headers: { host: 'h', 'content-length': String(MAX_BODY) },
      contentLength: MAX_BODY,
      close: false,
    },
  },
];

function printableTarget(): string {
  let s = '';
  for (let c = 0x21; c <= 0x7e; c++) if (c !== 0x23) s += String.fromCharCode(c);
  return s;
}

for (const a of accepted) {
  test(`parseHead accepts: ${a.name}`, () => {
    const r = parse(a.text);
    assert.deepEqual(r, { ...a.want, headBytes: Buffer.byteLength(a.text, 'latin1') });
    // The head is parsed where it starts, and the bytes after it are not part of it.
    const shifted = parseHead(Buffer.from('xx' + a.text + 'body', 'latin1'), 2, MAX_BODY);
    assert.deepEqual(shifted, r);
  });

  test(`parseHead: every proper prefix of an accepted head is INCOMPLETE (${a.name})`, () => {
    const buf = Buffer.from(a.text, 'latin1');
    for (let n = 0; n < buf.length; n++)
      assert.equal(parseHead(buf.subarray(0, n), 0, MAX_BODY), INCOMPLETE, `${n}`);
  });
}

test('parseHead accepts only what node:http reads the same way (method, url, headers)', async () => {
  const seen: { method?: string; url?: string; headers: Record<string, string> }[] = [];
  const server = createServer((req, res) => {
    seen.push({ method: req.method, url: req.url, headers: headersFromRaw(req.rawHeaders) });
    req.resume();
    req.on('end', () => res.end());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  try {
    for (const a of accepted) {
      const body = 'x'.repeat(a.want.contentLength);
      const status = await new Promise<string>((resolve, reject) => {
        const s = connect(port, '127.0.0.1', () => s.write(a.text + body));
        let out = '';
        s.on('data', (d) => {
          out += d;
          if (out.includes('\r\n\r\n')) {
            s.destroy();
            resolve(out.slice(0, out.indexOf('\r\n')));
          }
        });
        s.on('error', reject);
      });
      assert.equal(status, 'HTTP/1.1 200 OK', a.name);
      const got = seen.pop()!;
      assert.equal(got.method, a.want.method, a.name);
      assert.equal(got.url, a.want.target, a.name);
      assert.deepEqual(got.headers, a.want.headers, a.name);
    }
  } finally {
    server.close();
  }
});

const GOOD = 'POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\n';
const rejected: [string, string][] = [
  ['HTTP/1.0', 'GET / HTTP/1.0\r\nHost: h\r\n\r\n'],
  ['HTTP/2 preface', 'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n'],
  ['method HEAD', 'HEAD / HTTP/1.1\r\nHost: h\r\n\r\n'],
  ['method PUT', 'PUT / HTTP/1.1\r\nHost: h\r\n\r\n'],
  ['lower-case method', 'get / HTTP/1.1\r\nHost: h\r\n\r\n'],
  ['absolute-form target', 'GET http://h/ HTTP/1.1\r\nHost: h\r\n\r\n'],
  ['asterisk-form target', 'GET * HTTP/1.1\r\nHost: h\r\n\r\n'],
  ['fragment in target', 'GET /#a HTTP/1.1\r\nHost: h\r\n\r\n'],
  ['two spaces in the request line', 'GET  / HTTP/1.1\r\nHost: h\r\n\r\n'],
  ['tab in the request line', 'GET\t/ HTTP/1.1\r\nHost: h\r\n\r\n'],
  ['non-ASCII in target', 'GET /\xe9 HTTP/1.1\r\nHost: h\r\n\r\n'],
  ['leading empty line', '\r\nGET / HTTP/1.1\r\nHost: h\r\n\r\n'],
  ['no Host', 'GET / HTTP/1.1\r\nX: y\r\n\r\n'],
  ['bare LF ending a header', 'GET / HTTP/1.1\r\nHost: h\nX: y\r\n\r\n'],
  ['bare LF ending the request line', 'GET / HTTP/1.1\nHost: h\r\n\r\n'],
  ['bare CR in a value', 'GET / HTTP/1.1\r\nHost: h\r\nX: a\rb\r\n\r\n'],
  ['NUL in a value', 'GET / HTTP/1.1\r\nHost: h\r\nX: a\x00b\r\n\r\n'],
  ['DEL in a value', 'GET / HTTP/1.1\r\nHost: h\r\nX: a\x7fb\r\n\r\n'],
  ['vertical tab in a value', 'GET / HTTP/1.1\r\nHost: h\r\nX: a\x0bb\r\n\r\n'],
  ['obs-text in a value', 'GET / HTTP/1.1\r\nHost: h\r\nX: caf\xe9\r\n\r\n'],
  ['obs-fold', 'GET / HTTP/1.1\r\nHost: h\r\nX: a\r\n b\r\n\r\n'],
  ['obs-fold with a tab', 'GET / HTTP/1.1\r\nHost: h\r\nX: a\r\n\tb\r\n\r\n'],
  ['space before the colon', 'GET / HTTP/1.1\r\nHost : h\r\n\r\n'],
  ['no colon', 'GET / HTTP/1.1\r\nHost: h\r\nX\r\n\r\n'],
  ['empty name', 'GET / HTTP/1.1\r\nHost: h\r\n: v\r\n\r\n'],
  ['non-token name', 'GET / HTTP/1.1\r\nHost: h\r\nX(y): v\r\n\r\n'],
  ['repeated header', 'GET / HTTP/1.1\r\nHost: h\r\nX-A: 1\r\nx-a: 2\r\n\r\n'],
  ['repeated Host', 'GET / HTTP/1.1\r\nHost: h\r\nHost: i\r\n\r\n'],
  ['__proto__ header', 'GET / HTTP/1.1\r\nHost: h\r\n__proto__: x\r\n\r\n'],
  ['duplicate Content-Length', GOOD + 'Content-Length: 2\r\n\r\nab'],
  ['Content-Length with a sign', 'POST / HTTP/1.1\r\nHost: h\r\nContent-Length: +2\r\n\r\nab'],
  ['Content-Length with a space inside', 'POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 1 2\r\n\r\n'],
  ['Content-Length list', 'POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 2, 2\r\n\r\nab'],
  ['Content-Length with a leading zero', 'POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 02\r\n\r\nab'],
  ['Content-Length hex', 'POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 0x2\r\n\r\nab'],
  ['Content-Length empty', 'POST / HTTP/1.1\r\nHost: h\r\nContent-Length:\r\n\r\n'],
  ['Content-Length over the limit', `POST / HTTP/1.1\r\nHost: h\r\nContent-Length: ${MAX_BODY + 1}\r\n\r\n`],
  ['Transfer-Encoding chunked', 'POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n'],
  ['Transfer-Encoding with Content-Length', GOOD + 'Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n'],
  ['Transfer-Encoding identity', 'POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: identity\r\n\r\n'],
  ['Expect: 100-continue', GOOD + 'Expect: 100-continue\r\n\r\n'],
  ['Upgrade', 'GET / HTTP/1.1\r\nHost: h\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n'],
  ['Upgrade without Connection', 'GET / HTTP/1.1\r\nHost: h\r\nUpgrade: h2c\r\n\r\n'],
  ['Connection naming a header', 'GET / HTTP/1.1\r\nHost: h\r\nConnection: keep-alive, X-Foo\r\n\r\n'],
  ['Connection with an empty token', 'GET / HTTP/1.1\r\nHost: h\r\nConnection: close,\r\n\r\n'],
  ['too many headers (101)', 'GET / HTTP/1.1\r\nHost: h\r\n' + manyHeaders(100) + '\r\n'],
  ['head at the size limit', 'GET / HTTP/1.1\r\nHost: h\r\nX: ' + 'a'.repeat(MAX_HEAD_BYTES) + '\r\n\r\n'],
];

function manyHeaders(n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += `X-${i}: v\r\n`;
  return s;
}

for (const [name, text] of rejected) {
  test(`parseHead leaves to node: ${name}`, () => {
    assert.equal(parse(text), NOT_MINE);
  });
}

test('parseHead: a head that cannot become acceptable is left to node before it is complete', () => {
  // Each of these, without its final blank line, would otherwise wait for bytes node never needs.
  for (const text of [
    'GET / HTTP/1.1\nHost: h\n\n',
    'GET / HTTP/1.0\r\nHost: h\r\n',
    'PUT / HTTP/1.1\r\n',
    'GET / HTTP/1.1\r\nHost: h\r\nX: a\x00',
    'GET / HTTP/1.1\r\nHost: h\r\nX: a\rb',
    'GET / HTTP/1.1\r\nHost: h\r\nX: ' + 'a'.repeat(MAX_HEAD_BYTES),
  ]) {
    assert.equal(parse(text), NOT_MINE, JSON.stringify(text.slice(0, 40)));
  }
  // A CR at the very end may be the first half of a CRLF.
  assert.equal(parse('GET / HTTP/1.1\r'), INCOMPLETE);
  assert.equal(parse('GET / HTTP/1.1\r\nHost: h\r\n\r'), INCOMPLETE);
});

test('parseHead: the largest head accepted is below the limit', () => {
  const base = 'GET / HTTP/1.1\r\nHost: h\r\nX: \r\n\r\n';
  const fits = base.replace('X: ', 'X: ' + 'a'.repeat(MAX_HEAD_BYTES - base.length));
  assert.equal(fits.length, MAX_HEAD_BYTES);
  assert.notEqual(parse(fits), NOT_MINE);
  assert.equal(parse(fits.replace('X: ', 'X: a')), NOT_MINE);
});

test('parseHead stays linear on values built to make a pattern backtrack', () => {
  const nasty = [
    ' '.repeat(15_000) + '\x00',
    'a' + ' '.repeat(15_000) + 'a\x01',
    'a '.repeat(7_500) + '\x7f',
    '\t'.repeat(15_000),
  ];
  for (const v of nasty) {
    const t0 = performance.now();
    for (let i = 0; i < 10; i++) parse(`GET / HTTP/1.1\r\nHost: h\r\nX: ${v}\r\n\r\n`);
    assert.ok(performance.now() - t0 < 200, `${performance.now() - t0} ms`);
  }
});
