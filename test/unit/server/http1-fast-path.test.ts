// The fast path's connection handling, in process: a node:http server whose replies say "node", with a
// FastPath in front whose replies say "fast", so every answer shows which side served it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { connect, type Socket } from 'node:net';
import { FastPath } from '../../../src/server/http1/fast-path.js';
import type { RequestHead } from '../../../src/server/http1/parse.js';
import type { Reply } from '../../../src/server/http1/reply.js';
import { parseReplies } from '../../helpers/http-replies.js';

interface Harness {
  http: Server;
  fast: FastPath;
  port: number;
  served: string[];
  errors: unknown[];
  close(): Promise<void>;
}

async function start(
  opts: {
    respond?: (head: RequestHead, body: Buffer) => Reply | Promise<Reply>;
    headersTimeout?: number;
    requestTimeout?: number;
    keepAliveTimeout?: number;
  } = {},
): Promise<Harness> {
  const served: string[] = [];
  const errors: unknown[] = [];
  const http = createServer(
    {
      keepAlive: true,
      headersTimeout: opts.headersTimeout,
      requestTimeout: opts.requestTimeout,
      connectionsCheckingInterval: 50,
    },
    (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const text = `node ${req.method} ${req.url} ${Buffer.concat(chunks).toString()}`;
        served.push(text);
        res.writeHead(200, { 'content-length': Buffer.byteLength(text) });
        res.end(text);
      });
    },
  );
  http.keepAliveTimeout = opts.keepAliveTimeout ?? 65_000;
  const fast = new FastPath(http, {
    maxBody: 1024,
    accepts: (head) => head.path.startsWith('/fast'),
    respond:
      opts.respond ??
      ((head, body) => {
        const text = `fast ${head.method} ${head.target} ${body.toString()}`;
        served.push(text);
        return { status: 200, headers: { 'content-length': String(Buffer.byteLength(text)) }, body: text };
      }),
    error: (_message, err) => errors.push(err),
  });
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  const port = (http.address() as { port: number }).port;
  return {
    http,
    fast,
    port,
    served,
    errors,
    close: () =>
      new Promise<void>((r) => {
        http.close(() => r());
        fast.closeAll();
        http.closeAllConnections();
      }),
  };
}

/** A raw client: what it has received so far, and helpers to wait for replies or the close. */
function client(port: number) {
  const socket: Socket = connect(port, '127.0.0.1');
  socket.setNoDelay(true);
  let received = '';
  let closed = false;
  const waiters: (() => void)[] = [];
  const wake = () => waiters.splice(0).forEach((w) => w());
  socket.on('data', (d) => {
    received += d.toString('latin1');
    wake();
  });
  socket.on('close', () => {
    closed = true;
    wake();
  });
  socket.on('error', () => {});
  const until = (ok: () => boolean, ms = 5000) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`timed out; received ${JSON.stringify(received.slice(0, 300))}`)),
        ms,
      );
      const check = () => {
        if (ok()) {
          clearTimeout(timer);
          resolve();
        } else waiters.push(check);
      };
      check();
    });
  return {
    socket,
    get received() {
      return received;
    },
    get closed() {
      return closed;
    },
    write: (s: string) => new Promise<void>((r) => socket.write(s, 'latin1', () => r())),
    /** Waits for `n` complete replies in total and returns their bodies (framed by Content-Length). */
    async replies(n: number) {
      await until(() => parseReplies(received).length >= n);
      return parseReplies(received);
    },
    until,
    closedSoon: () => until(() => closed),
  };
}

const req = (path: string, body = '', extra = '') =>
  `POST ${path} HTTP/1.1\r\nHost: h\r\nContent-Length: ${body.length}\r\n${extra}\r\n${body}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('fast path: a request split at every byte boundary is answered by the fast path', async () => {
  const h = await start();
  try {
    const text = req('/fast?x=1', 'Action=GetCallerIdentity');
    const c = client(h.port);
    for (let k = 1; k < text.length; k++) {
      await c.write(text.slice(0, k));
      await sleep(1);
      await c.write(text.slice(k));
      const replies = await c.replies(k);
      assert.equal(replies[k - 1]!.body, 'fast POST /fast?x=1 Action=GetCallerIdentity', `split at ${k}`);
    }
    c.socket.destroy();
  } finally {
    await h.close();
  }
});

test('fast path: reply head as node writes it (status, headers, Date, keep-alive)', async () => {
  const h = await start({
    respond: () => ({
      status: 403,
      headers: { 'content-type': 'text/xml', 'content-length': '2' },
      body: 'no',
    }),
  });
  try {
    const c = client(h.port);
    await c.write(req('/fast'));
    await c.replies(1);
    assert.match(
      c.received,
      /^HTTP\/1\.1 403 Forbidden\r\ncontent-type: text\/xml\r\ncontent-length: 2\r\nDate: \w{3}, \d\d \w{3} \d{4} \d\d:\d\d:\d\d GMT\r\nConnection: keep-alive\r\nKeep-Alive: timeout=65\r\n\r\nno$/,
    );
    c.socket.destroy();
  } finally {
    await h.close();
  }
});

test('fast path: pipelined requests, fast and handed off, are answered in order', async () => {
  const h = await start();
  try {
    const c = client(h.port);
    // One write: fast, then a chunked request (node's), then one the fast path would take.
    await c.write(
      req('/fast/1', 'a') +
        'POST /fast/2 HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nb\r\n0\r\n\r\n' +
        req('/fast/3', 'c') +
        req('/other', 'd'),
    );
    const replies = await c.replies(4);
    assert.deepEqual(
      replies.map((r) => r.body),
      ['fast POST /fast/1 a', 'node POST /fast/2 b', 'node POST /fast/3 c', 'node POST /other d'],
    );
    c.socket.destroy();
  } finally {
    await h.close();
  }
});

test('fast path: replies keep request order when an earlier one takes longer', async () => {
  const h = await start({
    respond: async (head) => {
      if (head.path === '/fast/slow') await sleep(50);
      return { status: 200, headers: { 'content-length': String(head.path.length) }, body: head.path };
    },
  });
  try {
    const c = client(h.port);
    await c.write(req('/fast/slow') + req('/fast/quick') + req('/node'));
    const replies = await c.replies(3);
    assert.deepEqual(
      replies.map((r) => r.body),
      ['/fast/slow', '/fast/quick', 'node POST /node '],
    );
    c.socket.destroy();
  } finally {
    await h.close();
  }
});

test("fast path: what it does not serve gets node's own answer", async () => {
  const h = await start();
  const cases: [string, string, RegExp][] = [
    [
      'chunked',
      'POST /fast HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nab\r\n0\r\n\r\n',
      /200 OK[^]*node POST \/fast ab$/,
    ],
    [
      'Expect',
      req('/fast', 'ab', 'Expect: 100-continue\r\n'),
      /^HTTP\/1\.1 100 Continue\r\n\r\nHTTP\/1\.1 200 OK[^]*node POST \/fast ab$/,
    ],
    [
      'HTTP/1.0',
      'POST /fast HTTP/1.0\r\nHost: h\r\nContent-Length: 2\r\n\r\nab',
      /^HTTP\/1\.1 200 OK[^]*node POST \/fast ab$/,
    ],
    [
      'Upgrade',
      'GET /fast HTTP/1.1\r\nHost: h\r\nConnection: Upgrade\r\nUpgrade: x\r\n\r\n',
      /node GET \/fast $/,
    ],
    [
      'duplicate Content-Length',
      req('/fast', 'ab', 'Content-Length: 2\r\n'),
      /^HTTP\/1\.1 400 Bad Request\r\nConnection: close\r\n\r\n$/,
    ],
    [
      'bare LF',
      'GET /fast HTTP/1.1\nHost: h\n\n',
      /^HTTP\/1\.1 400 Bad Request\r\nConnection: close\r\n\r\n$/,
    ],
    ['no Host', 'GET /fast HTTP/1.1\r\n\r\n', /^HTTP\/1\.1 400 Bad Request\r\n/],
    [
      'oversized head',
      req('/fast', '', 'X: ' + 'a'.repeat(17 * 1024) + '\r\n'),
      /^HTTP\/1\.1 431 Request Header Fields Too Large\r\nConnection: close\r\n\r\n$/,
    ],
    ['body over the limit', req('/fast', 'a'.repeat(1025)), /node POST \/fast a{1025}$/],
  ];
  try {
    for (const [name, text, want] of cases) {
      const c = client(h.port);
      await c.write(text);
      await c
        .until(() => want.test(c.received))
        .catch(() => assert.fail(`${name}: ${JSON.stringify(c.received)}`));
      c.socket.destroy();
    }
    assert.ok(!h.served.some((s) => s.startsWith('fast')), h.served.join('\n'));
  } finally {
    await h.close();
  }
});

test('fast path: keep-alive reuse, then Connection: close ends the connection after its reply', async () => {
  const h = await start();
  try {
    const c = client(h.port);
    await c.write(req('/fast/1'));
    await c.replies(1);
    await c.write(req('/fast/2', '', 'Connection: close\r\n') + req('/fast/ignored'));
    await c.closedSoon();
    const replies = parseReplies(c.received);
    assert.deepEqual(
      replies.map((r) => [r.body, r.headers['connection']]),
      [
        ['fast POST /fast/1 ', 'keep-alive'],
        ['fast POST /fast/2 ', 'close'],
      ],
    );
    assert.equal(replies[1]!.headers['keep-alive'], undefined);
  } finally {
    await h.close();
  }
});

test('fast path: a client that resets mid-request, or sends FIN after its request, does not hurt the server', async () => {
  const h = await start();
  try {
    for (let i = 0; i < 20; i++) {
      const c = client(h.port);
      await c.write(req('/fast', 'abcdef').slice(0, 30 + i));
      c.socket.resetAndDestroy();
    }
    const fin = client(h.port);
    fin.socket.end(req('/fast/fin'));
    await fin.closedSoon();
    assert.equal(parseReplies(fin.received)[0]!.body, 'fast POST /fast/fin ');
    const c = client(h.port);
    await c.write(req('/fast/after'));
    assert.equal((await c.replies(1))[0]!.body, 'fast POST /fast/after ');
    c.socket.destroy();
    assert.deepEqual(h.errors, []);
  } finally {
    await h.close();
  }
});

test('fast path: FIN after many pipelined requests: every complete one is answered, then the close', async () => {
  const h = await start();
  try {
    const c = client(h.port);
    let text = '';
    for (let i = 0; i < 200; i++) text += req(`/fast/${i}`, 'b'.repeat(i % 50));
    c.socket.end(text + req('/fast/partial', 'abc').slice(0, -1));
    await c.closedSoon();
    const replies = parseReplies(c.received);
    assert.equal(replies.length, 200);
    replies.forEach((r, i) => assert.equal(r.body, `fast POST /fast/${i} ${'b'.repeat(i % 50)}`));
  } finally {
    await h.close();
  }
});

test('fast path: a head trickled in many reads goes to node:http (which parses incrementally)', async () => {
  const h = await start();
  try {
    const c = client(h.port);
    const text = req('/fast/trickle', 'ab');
    for (let at = 0; at < text.length; at += 3) {
      await c.write(text.slice(at, at + 3));
      await sleep(2);
    }
    assert.equal((await c.replies(1))[0]!.body, 'node POST /fast/trickle ab');
    c.socket.destroy();
  } finally {
    await h.close();
  }
});

test('fast path: a body arriving in many chunks is read whole', async () => {
  const h = await start();
  try {
    const c = client(h.port);
    const body = 'x'.repeat(1024);
    const text = req('/fast/big', body);
    for (let at = 0; at < text.length; at += 100) {
      await c.write(text.slice(at, at + 100));
      await sleep(1);
    }
    assert.equal((await c.replies(1))[0]!.body, `fast POST /fast/big ${body}`);
    c.socket.destroy();
  } finally {
    await h.close();
  }
});

test("fast path: headersTimeout and requestTimeout get node's 408 (on handed-off connections too); an idle connection closes after keepAliveTimeout", async () => {
  const h = await start({ headersTimeout: 150, requestTimeout: 300, keepAliveTimeout: 100 });
  try {
    const head = client(h.port);
    await head.write('POST /fast HTTP/1.1\r\nHost: h\r\n');
    const body = client(h.port);
    await body.write(req('/fast', 'abcd').slice(0, -2));
    const idle = client(h.port);
    await idle.write(req('/fast'));
    await idle.replies(1);
    // Handed to node (HTTP/1.0) with its head incomplete: node's own tracking times it out.
    const handed = client(h.port);
    await handed.write('GET /fast HTTP/1.0\r\nHost: h\r\n');
    const t0 = Date.now();
    await head.closedSoon();
    assert.equal(head.received, 'HTTP/1.1 408 Request Timeout\r\nConnection: close\r\n\r\n');
    await body.closedSoon();
    assert.equal(body.received, 'HTTP/1.1 408 Request Timeout\r\nConnection: close\r\n\r\n');
    await handed.closedSoon();
    assert.equal(handed.received, 'HTTP/1.1 408 Request Timeout\r\nConnection: close\r\n\r\n');
    // keepAliveTimeout + 1 s, as node's own socket timeout.
    await idle.closedSoon();
    assert.ok(Date.now() - t0 >= 700, `${Date.now() - t0} ms`);
    assert.ok(!h.served.some((s) => s.startsWith('node')));
  } finally {
    await h.close();
  }
});

test('fast path: a client that does not read its replies stops being read (bounded buffering)', async () => {
  let answered = 0;
  const big = 'x'.repeat(64 * 1024);
  const h = await start({
    respond: () => {
      answered++;
      return { status: 200, headers: { 'content-length': String(big.length) }, body: big };
    },
  });
  try {
    const socket = connect(h.port, '127.0.0.1');
    socket.pause(); // reads nothing
    const one = req('/fast');
    const n = 1000;
    for (let i = 0; i < n; i++) socket.write(one);
    await sleep(500);
    // 1000 replies of 64 KiB would be 64 MB; the socket buffers and a few queued replies are far less.
    assert.ok(answered < 100, `${answered} replies produced for a client that reads none`);
    let bytes = 0;
    socket.on('data', (d: Buffer) => (bytes += d.length));
    socket.resume();
    const replyBytes = big.length + 150; // the body and a head of about that size
    await until(() => answered === n && bytes >= n * big.length, 20_000);
    assert.ok(bytes < n * replyBytes, `${bytes}`);
    socket.destroy();
  } finally {
    await h.close();
  }
});

async function until(ok: () => boolean, ms: number): Promise<void> {
  const t0 = Date.now();
  while (!ok()) {
    if (Date.now() - t0 > ms) throw new Error('timed out');
    await sleep(10);
  }
}

test('fast path: shutdown closes idle connections at once and busy ones after their reply', async () => {
  let release: () => void = () => {};
  const h = await start({
    respond: async (head) => {
      if (head.path === '/fast/slow') await new Promise<void>((r) => (release = r));
      return { status: 200, headers: { 'content-length': '2' }, body: 'ok' };
    },
  });
  const idle = client(h.port);
  await idle.write(req('/fast'));
  await idle.replies(1);
  const busy = client(h.port);
  await busy.write(req('/fast/slow'));
  await sleep(20);
  const closed = new Promise<void>((r) => h.http.close(() => r()));
  h.fast.closeIdle();
  await idle.closedSoon();
  assert.equal(busy.closed, false);
  release();
  await busy.closedSoon();
  const reply = parseReplies(busy.received)[0]!;
  assert.equal(reply.body, 'ok');
  assert.equal(reply.headers['connection'], 'close');
  await closed;
});
