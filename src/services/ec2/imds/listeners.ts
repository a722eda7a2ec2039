// One loopback HTTP listener per running instance, each on its own port. Unmodified SDKs find an
// instance's metadata service through AWS_EC2_METADATA_SERVICE_ENDPOINT, and the AWS SDK for
// JavaScript v3 keeps only the host and port of that URL (it requests absolute paths such as
// /latest/api/token), so the instance must be told apart by its port, not by a path prefix.
// Listeners open when an instance runs and close when it stops or terminates (its credentials are
// then no longer served). Bound to 127.0.0.1 unless ROLECHAIN_IMDS_HOST says otherwise.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ServerEnv } from '../../env.js';
import { INSTANCE_KIND, type InstanceRecord } from '../model.js';
import { setEc2Runtime, type Ec2Runtime } from '../runtime.js';
import { InstanceCredentials } from './credentials.js';
import { handleImdsRequest, type ImdsDeps } from './handler.js';
import { ImdsTokens } from './tokens.js';

export class ImdsListeners implements Ec2Runtime {
  private readonly servers = new Map<string, { server: Server; url: string }>();
  private readonly opening = new Map<string, Promise<void>>();
  private readonly deps: ImdsDeps;
  private closed = false;

  constructor(
    private readonly env: ServerEnv,
    private readonly host = process.env.ROLECHAIN_IMDS_HOST || '127.0.0.1',
  ) {
    this.deps = { env, tokens: new ImdsTokens(), credentials: new InstanceCredentials(env) };
  }

  endpoint(instanceId: string): string | undefined {
    return this.servers.get(instanceId)?.url;
  }

  async sync(inst: InstanceRecord): Promise<void> {
    await this.opening.get(inst.instanceId);
    const open = this.servers.has(inst.instanceId);
    if (inst.state === 'running' && !open && !this.closed) {
      const p = this.open(inst).finally(() => this.opening.delete(inst.instanceId));
      this.opening.set(inst.instanceId, p);
      await p;
    } else if (inst.state !== 'running' && open) {
      await this.closeOne(inst.instanceId);
    }
    if (!inst.association) this.deps.credentials.forget(inst.instanceId);
  }

  private async open(inst: InstanceRecord): Promise<void> {
    const { instanceId, ownerId } = inst;
    const server = createServer((req, res) => {
      try {
        handleImdsRequest(this.deps, ownerId, instanceId, req, res);
      } catch (e) {
        this.env.log.error('imds error', { instanceId, error: String((e as Error)?.stack ?? e) });
        if (!res.headersSent) res.writeHead(500).end();
      }
    });
    // Longer than clients' idle timeouts (undici: the server's hint minus 1 s), so a reused socket is never one the server just closed.
    server.keepAliveTimeout = 65_000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, this.host, () => resolve());
    });
    const a = server.address() as AddressInfo;
    const host = a.family === 'IPv6' ? `[${a.address}]` : a.address;
    this.servers.set(instanceId, { server, url: `http://${host}:${a.port}/` });
  }

  private async closeOne(instanceId: string): Promise<void> {
    const s = this.servers.get(instanceId);
    if (!s) return;
    this.servers.delete(instanceId);
    this.deps.credentials.forget(instanceId);
    await new Promise<void>((resolve) => {
      s.server.close(() => resolve());
      s.server.closeAllConnections();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.opening.values()]);
    await Promise.all([...this.servers.keys()].map((id) => this.closeOne(id)));
  }
}

/** Installs the listeners and opens one for every instance the store says is running. */
export async function initEc2(env: ServerEnv): Promise<Ec2Runtime> {
  const rt = new ImdsListeners(env);
  setEc2Runtime(env, rt);
  for (const rec of env.store.list<InstanceRecord>(INSTANCE_KIND)) await rt.sync(rec.data);
  return rt;
}
