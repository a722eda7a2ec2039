// Builds an OperationContext for calling a service operation's handler in-process (unit tests of
// operations): a memory store, a bootstrapped management account, root as the caller.
import { MemoryStore } from '../../src/store/memory-store.js';
import type { ServerEnv } from '../../src/services/env.js';
import type { OperationContext, OperationDef, AuthzCheck } from '../../src/services/types.js';
import type { Caller } from '../../src/services/caller.js';
import { Clock } from '../../src/server/clock.js';
import { SecretBox } from '../../src/server/secret-box.js';
import { createLogger } from '../../src/server/log.js';
import { bootstrap } from '../../src/server/bootstrap.js';
import { randomBytes, randomUUID } from 'node:crypto';

export const UNIT_ACCOUNT = '123456789012';

export async function testEnv(): Promise<ServerEnv> {
  const store = new MemoryStore();
  await store.open();
  const env: ServerEnv = {
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
  await bootstrap(env, { ROLECHAIN_ACCOUNT_ID: UNIT_ACCOUNT });
  return env;
}

export function rootCaller(account = UNIT_ACCOUNT): Caller {
  return { type: 'Root', accountId: account, arn: `arn:aws:iam::${account}:root`, userId: account };
}

/** A context whose authorize() records the checks (and allows them) so tests can assert on them. */
export function opContext(
  env: ServerEnv,
  caller: Caller = rootCaller(),
): OperationContext & { checks: AuthzCheck[] } {
  const checks: AuthzCheck[] = [];
  return {
    requestId: randomUUID(),
    caller,
    region: 'us-east-1',
    sourceIp: '127.0.0.1',
    userAgent: 'unit-test',
    now: env.clock.now(),
    env,
    authorize: (c) => {
      checks.push(c);
    },
    checks,
  };
}

/** Runs an operation as the server would: its declared authz checks, then the handler. */
export async function call<I, O>(
  op: OperationDef<I, O>,
  ctx: OperationContext & { checks: AuthzCheck[] },
  input: I,
): Promise<O> {
  const declared = op.authz?.(input, ctx);
  if (declared) for (const c of Array.isArray(declared) ? declared : [declared]) ctx.authorize(c);
  return op.handler(ctx, input);
}
