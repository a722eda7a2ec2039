// The fast path's replies are the bytes node:http writes for writeHead(status, headers) + end(body).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { connect } from 'node:net';
import { replyBytes, type Reply } from '../../../src/server/http1/reply.js';

const cases: { name: string; reply: Reply; close?: boolean }[] = [
  {
    name: 'an XML API reply',
    reply: {
      status: 200,
      headers: { 'content-type': 'text/xml', 'x-amzn-requestid': 'r-1', 'content-length': '9' },
      body: '<a>é</a>',
    },
  },
  {
    name: 'a Buffer body, an error status',
    reply: { status: 403, headers: { 'content-length': '3' }, body: Buffer.from('abc') },
  },
  {
    name: 'Connection: close',
    reply: { status: 400, headers: { 'content-length': '1' }, body: 'x' },
    close: true,
  },
  {
    name: 'a latin1 header value, a string body (node writes both as UTF-8)',
    reply: { status: 200, headers: { 'x-name': 'caf\u00e9', 'content-length': '2' }, body: 'ok' },
  },
  {
    name: 'a latin1 header value, a Buffer body (node writes the head as latin1)',
    reply: {
      status: 200,
      headers: { 'x-name': 'caf\u00e9', 'content-length': '2' },
      body: Buffer.from('ok'),
    },
  },
  {
    name: 'a status node has no reason for',
    reply: { status: 599, headers: { 'content-length': '0' }, body: '' },
  },
  { name: '204 drops the body', reply: { status: 204, headers: { 'x-a': 'b' }, body: 'ignored' } },
  {
    name: '304 drops a Buffer body',
    reply: { status: 304, headers: { 'x-a': 'b' }, body: Buffer.from('x') },
  },
];

/** What node:http writes for the reply on a keep-alive (or `Connection: close`) request. */
async function nodeBytes(reply: Reply, close: boolean): Promise<Buffer> {
  const server = createServer({ keepAlive: true }, (_req, res) => {
    res.writeHead(reply.status, { ...reply.headers });
    res.end(reply.body);
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  try {
    return await new Promise<Buffer>((resolve, reject) => {
      const chunks: Buffer[] = [];
      const s = connect(port, '127.0.0.1', () =>
        s.write(`GET / HTTP/1.1\r\nHost: h\r\n${close ? 'Connection: close\r\n' : ''}\r\n`),
      );
      s.on('data', (d: Buffer) => {
        chunks.push(d);
        // Complete: the head, and as many body bytes as the head says (or none, for a 204).
        const all = Buffer.concat(chunks);
        const end = all.indexOf('\r\n\r\n');
        if (end < 0) return;
        const len = /content-length: (\d+)/i.exec(all.toString('latin1', 0, end))?.[1];
        if (all.length >= end + 4 + Number(len ?? 0)) {
          s.destroy();
          resolve(all);
        }
      });
      s.on('error', reject);
    });
  } finally {
    server.close();
  }
}

const withoutDate = (b: Buffer) => b.toString('latin1').replace(/\r\nDate: [^\r]*\r\n/, '\r\nDate: -\r\n');

for (const c of cases) {
  test(`replyBytes writes what node:http writes: ${c.name}`, async () => {
    const ours = replyBytes({ ...c.reply, headers: { ...c.reply.headers } }, c.close ? undefined : 65);
    // As the connection writes it: a string as UTF-8.
    const bytes = typeof ours === 'string' ? Buffer.from(ours, 'utf8') : ours;
    assert.equal(withoutDate(bytes), withoutDate(await nodeBytes(c.reply, c.close ?? false)));
    assert.match(bytes.toString('latin1'), /\r\nDate: \w{3}, \d\d \w{3} \d{4} \d\d:\d\d:\d\d GMT\r\n/);
  });
}

test('replyBytes throws where node would (bad status, header name or value), on framing headers and without Content-Length', () => {
  const bad: Reply[] = [
    { status: 99, headers: {}, body: '' },
    { status: 200, headers: { 'bad name': 'x' }, body: '' },
    { status: 200, headers: { 'x-a': 'line\r\nInjected: yes' }, body: '' },
    { status: 200, headers: { 'Transfer-Encoding': 'chunked' }, body: '' },
    { status: 200, headers: { connection: 'close' }, body: '' },
    { status: 200, headers: { 'content-type': 'a/b' }, body: 'no length: node would send it chunked' },
  ];
  for (const r of bad) assert.throws(() => replyBytes(r, 65), JSON.stringify(r.headers));
});
