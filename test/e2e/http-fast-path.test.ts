// Raw HTTP/1.1 against the real server, with the fast path on (the default) and off
// (ROLECHAIN_HTTP_FAST_PATH=0): both must answer every one of these the same way.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { signRequest } from '../../src/wire/sigv4/index.js';
import {
  startServer,
  TEST_ACCOUNT,
  TEST_ROOT_KEY,
  TEST_ROOT_SECRET,
  type TestServer,
} from '../helpers/server.js';
import { parseReplies } from '../helpers/http-replies.js';

const BODY = 'Action=GetCallerIdentity&Version=2011-06-15';
const ARN = `<Arn>arn:aws:iam::${TEST_ACCOUNT}:root</Arn>`;

/** A signed GetCallerIdentity as raw bytes; `extra` header lines go after the signed ones. */
function gci(port: number, opts: { extra?: string; body?: string; chunked?: boolean } = {}): string {
  const body = opts.body ?? BODY;
  const signed = signRequest(
    {
      method: 'POST',
      path: '/',
      rawQuery: '',
      headers: {
        host: `127.0.0.1:${port}`,
        'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
      },
      body,
    },
    { accessKeyId: TEST_ROOT_KEY, secretAccessKey: TEST_ROOT_SECRET },
    { region: 'us-east-1', service: 'sts' },
  );
  let text = 'POST / HTTP/1.1\r\n';
  for (const [k, v] of Object.entries(signed.headers)) text += `${k}: ${String(v)}\r\n`;
  if (opts.chunked) {
    const hex = Buffer.byteLength(body).toString(16);
    return text + `Transfer-Encoding: chunked\r\n${opts.extra ?? ''}\r\n${hex}\r\n${body}\r\n0\r\n\r\n`;
  }
  return text + `Content-Length: ${Buffer.byteLength(body)}\r\n${opts.extra ?? ''}\r\n${body}`;
}

function client(port: number) {
  const socket = connect(port, '127.0.0.1');
  socket.setNoDelay(true);
  let received = '';
  let closed = false;
  socket.on('data', (d) => (received += d.toString('latin1')));
  socket.on('close', () => (closed = true));
  socket.on('error', () => {});
  const until = async (ok: () => boolean, what: string) => {
    const t0 = Date.now();
    while (!ok()) {
      if (Date.now() - t0 > 10_000)
        throw new Error(`${what}: received ${JSON.stringify(received.slice(0, 400))}`);
      await sleep(2);
    }
  };
  return {
    socket,
    get received() {
      return received;
    },
    write: (s: string) => new Promise<void>((r) => socket.write(s, 'latin1', () => r())),
    replies: async (n: number) => {
      await until(() => parseReplies(received).length >= n, `${n} replies`);
      return parseReplies(received);
    },
    closed: () => until(() => closed, 'close'),
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

for (const mode of ['on', 'off'] as const) {
  const env = { ROLECHAIN_HTTP_FAST_PATH: mode === 'off' ? '0' : '1' };
  let s: TestServer;
  before(async () => {
    s = await startServer({ env });
  });
  after(async () => {
    await s.stop();
  });

  test(`[fast path ${mode}] a signed request split at every byte boundary`, async () => {
    const text = gci(s.port);
    const c = client(s.port);
    for (let k = 1; k < text.length; k++) {
      await c.write(text.slice(0, k));
      await sleep(1);
      await c.write(text.slice(k));
      const r = (await c.replies(k))[k - 1]!;
      assert.equal(r.status, 'HTTP/1.1 200 OK', `split at ${k}: ${r.body}`);
      assert.ok(r.body.includes(ARN), `split at ${k}`);
    }
    c.socket.destroy();
  });

  test(`[fast path ${mode}] pipelined: plain, chunked, plain, Expect — answered in order`, async () => {
    const c = client(s.port);
    await c.write(gci(s.port) + gci(s.port, { chunked: true }) + gci(s.port));
    const replies = await c.replies(3);
    assert.deepEqual(
      replies.map((r) => [r.status, r.body.includes(ARN), r.headers['connection']]),
      Array(3).fill(['HTTP/1.1 200 OK', true, 'keep-alive']),
    );
    assert.equal(new Set(replies.map((r) => r.headers['x-amzn-requestid'])).size, 3);
    c.socket.destroy();
  });

  test(`[fast path ${mode}] what node:http answers: Expect, HTTP/1.0, Upgrade, duplicate Content-Length, oversized head`, async () => {
    const cases: [string, string, string[]][] = [
      [
        'Expect',
        gci(s.port, { extra: 'Expect: 100-continue\r\n' }),
        ['HTTP/1.1 100 Continue', 'HTTP/1.1 200 OK'],
      ],
      ['HTTP/1.0', gci(s.port).replace(' HTTP/1.1\r\n', ' HTTP/1.0\r\n'), ['HTTP/1.1 200 OK']],
      [
        'Upgrade',
        gci(s.port, { extra: 'Connection: Upgrade\r\nUpgrade: websocket\r\n' }),
        ['HTTP/1.1 200 OK'],
      ],
      [
        'duplicate Content-Length',
        gci(s.port, { extra: 'Content-Length: 44\r\n' }),
        ['HTTP/1.1 400 Bad Request'],
      ],
      [
        'oversized head',
        gci(s.port, { extra: `X-Big: ${'a'.repeat(17_000)}\r\n` }),
        ['HTTP/1.1 431 Request Header Fields Too Large'],
      ],
    ];
    for (const [name, text, statuses] of cases) {
      const c = client(s.port);
      await c.write(text);
      const replies = await c.replies(statuses.length);
      assert.deepEqual(
        replies.map((r) => r.status),
        statuses,
        name,
      );
      if (statuses.at(-1) === 'HTTP/1.1 200 OK') assert.ok(replies.at(-1)!.body.includes(ARN), name);
      c.socket.destroy();
    }
  });

  test(`[fast path ${mode}] a body over 1 MiB is refused with 413 RequestEntityTooLarge`, async () => {
    const c = client(s.port);
    const body = BODY + '&Pad=' + 'a'.repeat(1024 * 1024);
    await c.write(gci(s.port, { body }));
    const [r] = await c.replies(1);
    assert.equal(r!.status, 'HTTP/1.1 413 Payload Too Large');
    assert.match(r!.body, /<Code>RequestEntityTooLarge<\/Code>/);
    c.socket.destroy();
  });

  test(`[fast path ${mode}] keep-alive reuse, then Connection: close is honoured`, async () => {
    const c = client(s.port);
    await c.write(gci(s.port));
    await c.replies(1);
    await c.write(gci(s.port));
    await c.replies(2);
    await c.write(gci(s.port, { extra: 'Connection: close\r\n' }));
    await c.closed();
    const replies = parseReplies(c.received);
    assert.deepEqual(
      replies.map((r) => [r.status, r.headers['connection'], r.headers['keep-alive']]),
      [
        ['HTTP/1.1 200 OK', 'keep-alive', 'timeout=65'],
        ['HTTP/1.1 200 OK', 'keep-alive', 'timeout=65'],
        ['HTTP/1.1 200 OK', 'close', undefined],
      ],
    );
  });

  test(`[fast path ${mode}] clients that reset mid-request do not crash the server`, async () => {
    const text = gci(s.port);
    for (const cut of [10, 200, text.length - 5]) {
      const c = client(s.port);
      await c.write(text.slice(0, cut));
      c.socket.resetAndDestroy();
    }
    await sleep(50);
    const c = client(s.port);
    await c.write(text);
    assert.ok((await c.replies(1))[0]!.body.includes(ARN));
    c.socket.destroy();
  });

  test(`[fast path ${mode}] shutdown: a request in flight completes, then the server exits`, async () => {
    const server = await startServer({ env });
    const text = gci(server.port);
    const c = client(server.port);
    await c.write(text.slice(0, -10));
    await sleep(100);
    const exited = server.stop('SIGTERM');
    await sleep(200);
    await c.write(text.slice(-10));
    const [r] = await c.replies(1);
    assert.equal(r!.status, 'HTTP/1.1 200 OK');
    assert.ok(r!.body.includes(ARN));
    await c.closed();
    assert.equal(await exited, 0);
  });
}
