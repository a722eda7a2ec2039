// The HTTP/1.1 fast path in front of node:http.
//
// Why: node:http's own per-request machinery (IncomingMessage / ServerResponse objects, the parser's
// callbacks, header objects, writeHead/end) costs ~8 µs of CPU per request on this project's hosts, about
// as much as rolechain's own work on a signed GetCallerIdentity. A plain API call needs none of it: a
// small head, a small body with a Content-Length, a small reply. So the server's 'connection' event comes
// here first; this code reads those plain requests itself (parse.ts, connection.ts) and answers them with
// the same handler code as node:http would run. The first request on a connection that is anything else
// hands the connection — with every byte not yet consumed — to node:http for good (connection.ts).
//
// What node:http did for these connections and is kept: keep-alive with `Keep-Alive: timeout=N` and the
// idle connection closed after keepAliveTimeout + 1 s; headersTimeout and requestTimeout (checked every
// connectionsCheckingInterval, answered with node's 408); `Connection: close` honoured; pipelined
// requests answered in order; replies finished in one loop turn written together (reply-batch.ts says
// why), each connection's as one write; shutdown closes idle connections and busy ones once idle.
//
// Why the http.Server's 'connection' listener is swapped rather than a net.Server put in front: the
// http.Server keeps listening, so its address(), close(), socket options (noDelay, keepAlive) and its
// connection tracking (started on 'listening'; it enforces headersTimeout/requestTimeout on handed-off
// connections and backs closeIdleConnections) all stay as they were. A handoff calls node's own
// listener with the socket: what the documented `http.emit('connection', socket)` runs, without ours.
import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import { FastConnection, type ConnectionOwner } from './connection.js';
import type { RequestHead } from './parse.js';
import type { Reply } from './reply.js';

/** Node adds this to keepAliveTimeout for the socket's own timeout, so a client's reuse races less. */
const KEEP_ALIVE_TIMEOUT_BUFFER_MS = 1000;

export interface FastPathOptions {
  maxBody: number;
  accepts(head: RequestHead): boolean;
  respond(head: RequestHead, body: Buffer, remoteAddress: string | undefined): Reply | Promise<Reply>;
  error(message: string, err: unknown): void;
  /** Called after each event-loop turn's replies are written (e.g. to do work the replies need not wait for). */
  afterFlush?(): void;
}

export class FastPath implements ConnectionOwner {
  readonly maxBody: number;
  readonly keepAliveSeconds: number;
  draining = false;
  private readonly connections = new Set<FastConnection>();
  private toFlush: FastConnection[] = [];
  private readonly checkTimer: NodeJS.Timeout;
  private readonly nodeListener: (socket: Socket) => void;

  /**
   * Takes over `http`'s 'connection' event; node:http's own listener is kept for the handoff. The
   * timeouts are read from `http` (set them before), so the two paths keep the same ones.
   */
  constructor(
    private readonly http: Server,
    private readonly opts: FastPathOptions,
  ) {
    const listeners = http.listeners('connection');
    if (listeners.length !== 1)
      throw new Error('fast path: expected node:http as the only connection listener');
    this.nodeListener = listeners[0] as (socket: Socket) => void;
    http.removeListener('connection', this.nodeListener);
    http.on('connection', (socket: Socket) => this.accept(socket));
    this.maxBody = opts.maxBody;
    this.keepAliveSeconds = Math.floor(http.keepAliveTimeout / 1000);
    // Not in @types/node's Server; node sets it from the options (default 30 s).
    const every = (http as { connectionsCheckingInterval?: number }).connectionsCheckingInterval ?? 30_000;
    this.checkTimer = setInterval(() => this.checkTimeouts(), every).unref();
    http.once('close', () => clearInterval(this.checkTimer));
  }

  private accept(socket: Socket): void {
    if (this.http.keepAliveTimeout > 0) {
      socket.setTimeout(this.http.keepAliveTimeout + KEEP_ALIVE_TIMEOUT_BUFFER_MS);
    }
    this.connections.add(new FastConnection(socket, this));
  }

  accepts(head: RequestHead): boolean {
    return this.opts.accepts(head);
  }

  respond(head: RequestHead, body: Buffer, remoteAddress: string | undefined): Reply | Promise<Reply> {
    return this.opts.respond(head, body, remoteAddress);
  }

  handOff(socket: Socket): void {
    this.nodeListener.call(this.http, socket);
  }

  flushSoon(conn: FastConnection): void {
    if (this.toFlush.length === 0) setImmediate(this.flushAll);
    this.toFlush.push(conn);
  }

  private readonly flushAll = (): void => {
    const batch = this.toFlush;
    this.toFlush = [];
    // A connection may be listed once per reply; flushing it again writes nothing.
    for (const conn of batch) conn.flush();
    this.opts.afterFlush?.();
  };

  forget(conn: FastConnection): void {
    this.connections.delete(conn);
  }

  error(message: string, err: unknown): void {
    this.opts.error(message, err);
  }

  /** Node's checkConnections: a head or a whole request that takes too long is answered 408. */
  private checkTimeouts(): void {
    const now = Date.now();
    const { headersTimeout, requestTimeout } = this.http;
    for (const conn of this.connections) {
      const started = conn.requestStartedAt;
      if (started === 0) continue;
      const age = now - started;
      if (
        (headersTimeout > 0 && !conn.headComplete && age > headersTimeout) ||
        (requestTimeout > 0 && age > requestTimeout)
      ) {
        conn.timedOut();
      }
    }
  }

  /** Shutdown: idle connections close now, busy ones after their replies (call again as they finish). */
  closeIdle(): void {
    this.draining = true;
    for (const conn of this.connections) conn.closeIfIdle();
  }

  closeAll(): void {
    this.draining = true;
    for (const conn of this.connections) conn.socket.destroy();
  }
}
