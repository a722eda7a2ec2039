// An operation context over a bare memory store (no bootstrap: these operations need none).
import { randomBytes } from 'node:crypto';
import { MemoryStore } from '../../../../src/store/memory-store.js';
import type { ServerEnv } from '../../../../src/services/env.js';
import { Clock } from '../../../../src/server/clock.js';
import { SecretBox } from '../../../../src/server/secret-box.js';
import { createLogger } from '../../../../src/server/log.js';
import { opContext, UNIT_ACCOUNT } from '../../../helpers/op-context.js';

export { call, UNIT_ACCOUNT } from '../../../helpers/op-context.js';

export async function bareEnv(): Promise<ServerEnv> {
  const store = new MemoryStore();
  await store.open();
  return {
    store,
    config: {
      host: '127.0.0.1',
      port: 0,
      memory: true,
      logLevel: 'silent',
      defaultRegion: 'us-east-1',
      maxChainDepth: 10,
    },
    clock: new Clock(),
    secrets: new SecretBox(randomBytes(32)),
    log: createLogger('silent'),
  };
}

export async function ctx() {
  const env = await bareEnv();
  return opContext(env);
}

export const ACCOUNT = UNIT_ACCOUNT;
