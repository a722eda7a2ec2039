// EC2's per-server state: the instance metadata service's listeners (one loopback port per running
// instance). The server installs it at start (src/services/ec2/imds/listeners.ts); operations call
// syncImds after a state or association change. Without a runtime (unit tests) syncing is a no-op.
import type { ServerEnv } from '../env.js';
import type { InstanceRecord } from './model.js';

export interface Ec2Runtime {
  /** Opens the instance's metadata listener if it runs, closes it otherwise. */
  sync(instance: InstanceRecord): Promise<void>;
  /** http://127.0.0.1:<port>/ of a running instance's metadata service. */
  endpoint(instanceId: string): string | undefined;
  close(): Promise<void>;
}

const runtimes = new WeakMap<ServerEnv, Ec2Runtime>();

export function setEc2Runtime(env: ServerEnv, rt: Ec2Runtime): void {
  runtimes.set(env, rt);
}

export function ec2Runtime(env: ServerEnv): Ec2Runtime | undefined {
  return runtimes.get(env);
}

export async function syncImds(env: ServerEnv, instances: readonly InstanceRecord[]): Promise<void> {
  const rt = runtimes.get(env);
  if (rt) for (const i of instances) await rt.sync(i);
}
