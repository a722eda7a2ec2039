// S3 benchmarks against a server with a data dir (objects fsynced to disk, metadata in SQLite):
// signed 1 MB PutObject requests per second (payload SHA-256 verified while streaming), and GetObject
// throughput of a 1 MB object in MB/s.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { signRequest } from '../src/wire/sigv4/index.js';
import { REPO, round, spawnUntil } from './util.js';

const KEY = 'AKIAROLECHAINBENCH01';
const SECRET = 'rolechainBenchSecret00000000000000000000';
const creds = { accessKeyId: KEY, secretAccessKey: SECRET };

function sign(url: string, method: string, path: string, body?: Buffer): Record<string, string> {
  const u = new URL(url);
  const h = signRequest({ method, path, headers: { host: u.host }, body: body ?? '' }, creds, {
    region: 'us-east-1',
    service: 's3',
  }).headers as Record<string, string>;
  delete h.host;
  return h;
}

export async function runS3Bench(seconds = 5): Promise<Record<string, number>> {
  const dir = mkdtempSync(join(tmpdir(), 'rolechain-bench-s3-'));
  const child = await spawnUntil(
    process.execPath,
    [join(REPO, 'bin/rolechain.js'), 'serve', '--data-dir', dir, '--port', '0', '--log-level', 'warn'],
    /listening on (http:\/\/\S+)/,
    {
      ROLECHAIN_ROOT_ACCESS_KEY_ID: KEY,
      ROLECHAIN_ROOT_SECRET_ACCESS_KEY: SECRET,
      ROLECHAIN_ACCOUNT_ID: '123456789012',
    },
  );
  try {
    const url = child.url;
    const mk = await fetch(`${url}/bench-bucket`, {
      method: 'PUT',
      headers: sign(url, 'PUT', '/bench-bucket'),
    });
    if (!mk.ok) throw new Error(`CreateBucket failed: ${mk.status} ${await mk.text()}`);
    const body = randomBytes(1024 * 1024);
    const putHeaders = sign(url, 'PUT', '/bench-bucket/obj', body);
    const probe = await fetch(`${url}/bench-bucket/obj`, { method: 'PUT', headers: putHeaders, body });
    if (!probe.ok) throw new Error(`PutObject failed: ${probe.status} ${await probe.text()}`);
    // A plain keep-alive http client: autocannon parses large bodies in JS and would measure itself.
    const put = await drive(url, 'PUT', '/bench-bucket/obj', putHeaders, body, 8, seconds);
    const get = await drive(
      url,
      'GET',
      '/bench-bucket/obj',
      sign(url, 'GET', '/bench-bucket/obj'),
      undefined,
      8,
      seconds,
    );
    if (put.failed || get.failed) throw new Error(`failed requests: put ${put.failed}, get ${get.failed}`);
    return {
      's3.put1MB.rps': round(put.done / put.seconds, 1),
      's3.put1MB.p99ms': round(put.p99, 1),
      's3.get1MB.mbps': round(get.bytes / (1024 * 1024) / get.seconds, 1),
      's3.get1MB.rps': round(get.done / get.seconds, 1),
    };
  } finally {
    await child.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `connections` loops sending the same request for `seconds`; counts answers, bytes read, p99 latency. */
async function drive(
  url: string,
  method: string,
  path: string,
  headers: Record<string, string>,
  body: Buffer | undefined,
  connections: number,
  seconds: number,
): Promise<{ done: number; failed: number; bytes: number; seconds: number; p99: number }> {
  const u = new URL(url);
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const lat: number[] = [];
  let done = 0;
  let failed = 0;
  let bytes = 0;
  const t0 = performance.now();
  const until = t0 + seconds * 1000;
  const one = () =>
    new Promise<void>((resolve) => {
      const t = performance.now();
      const req = request(
        {
          host: u.hostname,
          port: u.port,
          method,
          path,
          headers: body ? { ...headers, 'content-length': String(body.length) } : headers,
          agent,
        },
        (res) => {
          res.on('data', (c: Buffer) => (bytes += c.length));
          res.on('end', () => {
            if (res.statusCode === 200) done++;
            else failed++;
            lat.push(performance.now() - t);
            resolve();
          });
        },
      );
      req.on('error', () => {
        failed++;
        resolve();
      });
      req.end(body);
    });
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < until) await one();
    }),
  );
  const elapsed = (performance.now() - t0) / 1000;
  agent.destroy();
  lat.sort((a, b) => a - b);
  return { done, failed, bytes, seconds: elapsed, p99: lat[Math.floor(lat.length * 0.99)] ?? 0 };
}
