// STS's per-server state: the key ring that seals session tokens and the cache of opened tokens.
// Created at server start (initSts) because loading the ring may write the first key to the store.
import type { ServerEnv } from '../env.js';
import { KeyRing } from './keyring.js';
import { SessionCache } from './session-token.js';

export interface StsRuntime {
  ring: KeyRing;
  sessions: SessionCache;
}

const runtimes = new WeakMap<ServerEnv, StsRuntime>();

export async function initSts(env: ServerEnv): Promise<StsRuntime> {
  const ring = new KeyRing(env);
  await ring.load();
  const rt = { ring, sessions: new SessionCache() };
  runtimes.set(env, rt);
  return rt;
}

export function stsRuntime(env: ServerEnv): StsRuntime {
  const rt = runtimes.get(env);
  if (!rt) throw new Error('STS not initialised: call initSts(env) at start');
  return rt;
}
