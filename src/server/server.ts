// Starts the endpoint: opens the store, bootstraps the management account, listens, and stops
// cleanly (stop accepting, finish in-flight requests, close the store).
import { callLinesModuleUrl } from '../services/cloudtrail/call-lines.js';
import { createServer, type Server } from 'node:http';
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { openStore } from '../store/index.js';
import type { ServerConfig, ServerEnv } from '../services/env.js';
import { Clock } from './clock.js';
import { createLogger } from './log.js';
import { SecretBox, loadMasterKey } from './secret-box.js';
import { bootstrap, type RootCredentials } from './bootstrap.js';
import { RequestHandler } from './handler.js';
import { Authenticator } from './authenticate.js';
import { Authorizer } from './authorize.js';
import { allServices } from './services.js';
import { initSts } from '../services/sts/runtime.js';
import { resolveSession } from '../services/sts/authenticate-session.js';
import { orgKeysLookup, orgPolicyLookup } from '../services/organizations/enforcement.js';
import { AuditRecorder } from '../services/cloudtrail/recorder.js';
import { recordS3Outcome } from '../services/cloudtrail/s3-events.js';
import { initEc2 } from '../services/ec2/imds/listeners.js';
import { FastPath } from './http1/fast-path.js';
import { MAX_API_BODY_BYTES } from './body.js';
import { clientAddress } from './request-context.js';

/** How long in-flight requests get to finish after SIGTERM/SIGINT before their connections are cut. */
const SHUTDOWN_GRACE_MS = 10_000;

export interface RunningServer {
  url: string;
  env: ServerEnv;
  root: RootCredentials;
  http: Server;
  close(): Promise<void>;
}

export async function startServer(
  config: ServerConfig,
  opts: { clockOffsetMs?: number } = {},
): Promise<RunningServer> {
  if (config.dataDir) mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  if (config.keyDir) mkdirSync(config.keyDir, { recursive: true, mode: 0o700 });
  const store = await openStore({
    memory: config.memory,
    dataDir: config.dataDir,
    databaseUrl: config.databaseUrl,
    // SQLite: the events worker makes the records of API calls (see AuditRecorder's callsInWorker).
    eventCallsModule: config.audit === false ? undefined : callLinesModuleUrl(),
  });
  const env: ServerEnv = {
    store,
    config,
    clock: new Clock(opts.clockOffsetMs ?? 0),
    secrets: new SecretBox(loadMasterKey(config.keyDir ?? config.dataDir)),
    log: createLogger(config.logLevel),
  };
  const root = await bootstrap(env);
  await initSts(env);
  const ec2 = await initEc2(env);
  const authn = new Authenticator(env);
  authn.sessions = (id, token) => resolveSession(env, id, token);
  const authz = new Authorizer(env);
  authz.orgPolicies = orgPolicyLookup(env.store);
  authz.orgKeys = orgKeysLookup(env.store);
  const audit =
    config.audit === false
      ? undefined
      : new AuditRecorder(env, { retentionDays: config.auditRetentionDays ?? 90, trailDir: config.trailDir });
  audit?.start();
  const handler = new RequestHandler({ env, services: allServices(), authn, authz, audit });
  if (audit) handler.s3.runtime.onOutcome((o) => recordS3Outcome(audit, o, config.defaultRegion));

  const http = createServer({ keepAlive: true }, (req, res) => {
    void handler.handle(req, res);
  });
  http.keepAliveTimeout = 65_000;
  const fast = fastPathEnabled() ? installFastPath(http, handler, env) : undefined;
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(config.port, config.host, () => resolve());
  });
  const addr = http.address() as AddressInfo;
  const host = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  const url = `http://${host}:${addr.port}`;

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      await new Promise<void>((resolve) => {
        http.close(() => resolve());
        // close() only ends connections idle right now; a keep-alive client in mid-request would hold the
        // server open until its own timeout. Keep closing connections as their requests finish, and after
        // the grace period end whatever is left (its requests were not acknowledged, so nothing is lost).
        const closeIdle = () => {
          http.closeIdleConnections();
          fast?.closeIdle();
        };
        closeIdle();
        const sweep = setInterval(closeIdle, 50);
        const deadline = setTimeout(() => {
          http.closeAllConnections();
          fast?.closeAll();
        }, SHUTDOWN_GRACE_MS);
        http.once('close', () => {
          clearInterval(sweep);
          clearTimeout(deadline);
        });
      });
      await ec2.close();
      await audit?.close(); // in-flight requests are done: everything they recorded is in the buffer
      await store.close();
    })());
  return { url, env, root, http, close };
}

/**
 * The HTTP/1.1 fast path (src/server/http1/fast-path.ts) serves plain API calls without node:http's
 * per-request objects. On unless ROLECHAIN_HTTP_FAST_PATH=0 (for A/B measurement, or to rule it out).
 */
function fastPathEnabled(): boolean {
  return process.env.ROLECHAIN_HTTP_FAST_PATH !== '0';
}

function installFastPath(http: Server, handler: RequestHandler, env: ServerEnv): FastPath {
  return new FastPath(http, {
    maxBody: MAX_API_BODY_BYTES,
    accepts: (head) => handler.isApiRequest(head.path, head.rawQuery, head.headers),
    respond: (head, body, remoteAddress) =>
      handler.apiCall({
        method: head.method,
        path: head.path,
        rawQuery: head.rawQuery,
        headers: head.headers,
        body,
        sourceIp: clientAddress(remoteAddress),
      }),
    error: (message, err) => env.log.error(message, { error: String((err as Error)?.stack ?? err) }),
    // The calls answered in a turn are recorded after their replies are written (AuditRecorder.apiCall).
    afterFlush: handler.afterReplies,
  });
}
