// rolechain's own endpoints under /_rolechain/: health (unauthenticated, no secrets), the key ring (admin-keys.ts), and the clock
// offset used by tests to make credentials expire (requires the management account's root key,
// passed as the X-Rolechain-Root-Key header with the root access key id and secret "ID:SECRET").
import type { IncomingMessage, ServerResponse } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import type { ServerEnv } from '../services/env.js';
import { getAccessKey } from '../services/accounts/access-keys.js';
import { VERSION } from './version.js';
import { readBody } from './body.js';
import { handleKeys } from './admin-keys.js';

function json(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function isRoot(env: ServerEnv, header: string | undefined): boolean {
  if (!header) return false;
  const i = header.indexOf(':');
  if (i < 0) return false;
  const id = header.slice(0, i);
  const secret = Buffer.from(header.slice(i + 1));
  const rootKeyId = env.store.getSetting<string>('rootAccessKeyId');
  if (id !== rootKeyId) return false;
  const key = getAccessKey(env.store, id);
  if (!key || key.status !== 'Active' || key.userName !== undefined) return false;
  const expected = Buffer.from(env.secrets.open(key.secretSealed));
  return expected.length === secret.length && timingSafeEqual(expected, secret);
}

export async function handleAdmin(
  env: ServerEnv,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
): Promise<void> {
  if (path === '/_rolechain/health' && req.method === 'GET') {
    // `now` is the server's clock (with its offset): `rolechain exec` uses it to know when sessions expire.
    json(res, 200, {
      status: 'ok',
      version: VERSION,
      store: env.store.backend,
      now: env.clock.now().toISOString(),
    });
    return;
  }
  if (path === '/_rolechain/clock') {
    if (!isRoot(env, req.headers['x-rolechain-root-key'] as string | undefined)) {
      json(res, 403, { error: 'AccessDenied', message: 'the management account root key is required' });
      return;
    }
    if (req.method === 'POST' || req.method === 'PUT') {
      const body = JSON.parse((await readBody(req, 4096)).toString('utf8') || '{}') as {
        offsetSeconds?: unknown;
      };
      if (typeof body.offsetSeconds !== 'number' || !Number.isFinite(body.offsetSeconds)) {
        json(res, 400, { error: 'ValidationError', message: 'offsetSeconds must be a number' });
        return;
      }
      env.clock.offsetMs = body.offsetSeconds * 1000;
    }
    json(res, 200, { offsetSeconds: env.clock.offsetMs / 1000, now: env.clock.now().toISOString() });
    return;
  }
  if (path === '/_rolechain/keys' || path === '/_rolechain/keys/rotate') {
    if (!isRoot(env, req.headers['x-rolechain-root-key'] as string | undefined)) {
      json(res, 403, { error: 'AccessDenied', message: 'the management account root key is required' });
      return;
    }
    return handleKeys(env, req.method, path, json, res);
  }
  json(res, 404, { error: 'NotFound', message: `no such rolechain endpoint: ${path}` });
}
