// /_rolechain/keys: the session-token key ring. GET lists the key ids (never the keys); POST
// /_rolechain/keys/rotate makes a new current key. Tokens sealed under older keys stay valid until they
// expire; new tokens are sealed under the new key. Both need the management account's root key.
import type { ServerResponse } from 'node:http';
import type { ServerEnv } from '../services/env.js';
import { stsRuntime } from '../services/sts/runtime.js';

export async function handleKeys(
  env: ServerEnv,
  method: string | undefined,
  path: string,
  reply: (res: ServerResponse, status: number, body: unknown) => void,
  res: ServerResponse,
): Promise<void> {
  const ring = stsRuntime(env).ring;
  if (path === '/_rolechain/keys/rotate') {
    if (method !== 'POST') return reply(res, 405, { error: 'MethodNotAllowed', message: 'use POST' });
    const kid = await ring.rotate();
    env.log.info('session-token key rotated', { kid });
    return reply(res, 200, { rotated: kid, current: ring.current().kid, keys: ring.kids() });
  }
  if (method !== 'GET') return reply(res, 405, { error: 'MethodNotAllowed', message: 'use GET' });
  reply(res, 200, { current: ring.current().kid, keys: ring.kids() });
}
