// The main thread's handle on the events worker (./sqlite-events-worker.ts), which owns events.db: every
// call posts one request (the events are structured-cloned) and resolves with the worker's reply, after the
// worker's transaction committed (and, with synchronous=FULL, was fsynced). The inserts' CPU and I/O thus
// run beside the request-serving thread instead of on it.
//
// Failure: a request the worker fails rejects with the worker's error. If the worker itself dies, every
// request in flight rejects with StoreUnavailableError (nothing is acknowledged that was not committed), and
// the next request starts a new worker; if that cannot open the file, that request rejects saying why.
import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { AuditEventInput, EventQuery, StoredEvent } from './types.js';
import { StoreUnavailableError } from './errors.js';
import { encodeRecords } from './event-batches.js';
import { checkEvents } from './events.js';
import type { EventsError, EventsReply, EventsRequest, EventsWorkerData } from './sqlite-events-protocol.js';

type Pending = { resolve: (v: unknown) => void; reject: (e: Error) => void };
type RequestBody = EventsRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

const WORKER = 'sqlite-events-worker';

/**
 * The worker's file. Compiled, it sits next to this module (dist/src/store/); inside the esbuild bundle
 * (dist/rolechain.mjs) import.meta.url is the bundle's, and the compiled worker is under ./src/store/ from
 * there; under tsx (tests from sources) it is the .ts next to this one.
 */
export function eventsWorkerUrl(base: string = import.meta.url): URL {
  for (const rel of [`./${WORKER}.js`, `./src/store/${WORKER}.js`, `./${WORKER}.ts`]) {
    const url = new URL(rel, base);
    if (existsSync(url)) return url;
  }
  throw new StoreUnavailableError(`store: the events worker (${WORKER}.js) is missing next to ${base}`);
}

export class SqliteEventsClient {
  private worker: Worker | undefined;
  private starting: Promise<Worker> | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private closed = false;

  private constructor(private readonly data: EventsWorkerData) {}

  /** Starts the worker and waits until it has opened (and if need be created) the file. */
  static async open(
    path: string,
    synchronous: 'FULL' | 'NORMAL',
    callsModule?: string,
  ): Promise<SqliteEventsClient> {
    const client = new SqliteEventsClient({ path, synchronous, callsModule });
    await client.ensureWorker();
    return client;
  }

  /** Resolves once committed; `group`: the worker may commit it together with later appends. */
  append(events: AuditEventInput[], group = false): Promise<void> {
    let records: Buffer<ArrayBuffer>;
    try {
      checkEvents(events);
      records = encodeRecords(events);
    } catch (err) {
      // Refused, an ungrouped append still commits the grouped ones before it, as a stored one would.
      if (group) return Promise.reject(err as Error);
      const empty = Buffer.from(new ArrayBuffer(0));
      return this.request({ op: 'append', records: empty, group: false }).then(
        () => Promise.reject(err as Error),
        () => Promise.reject(err as Error),
      );
    }
    // Transferred, not copied: this thread keeps no use for the encoded records.
    return this.request({ op: 'append', records, group }, undefined, [records.buffer]) as Promise<void>;
  }

  /**
   * Records already encoded and checked (./event-records.ts), in shared memory: the worker reads them in
   * place, so the caller leaves them unchanged until this settles. Resolves as append does, to how many
   * calls could not be made into records. `calls`: they are call lines, made into records by the worker
   * with the module the client was opened with.
   */
  appendRecords(records: Uint8Array, group = false, calls = false): Promise<number> {
    return this.request({ op: 'append', records, group, calls, sentAt: Date.now() }).then((n) =>
      typeof n === 'number' ? n : 0,
    );
  }

  query(query: EventQuery): Promise<StoredEvent[]> {
    return this.request({ op: 'query', query }) as Promise<StoredEvent[]>;
  }

  deleteBefore(time: Date): Promise<number> {
    return this.request({ op: 'deleteBefore', timeMs: time.getTime() }) as Promise<number>;
  }

  /** Closes the file (checkpointing its WAL) and ends the worker. The caller lets requests finish first. */
  async close(): Promise<void> {
    if (this.closed) return;
    const worker = this.worker ?? (await this.starting?.catch(() => undefined));
    let closeError: unknown;
    if (worker !== undefined) {
      try {
        await this.request({ op: 'close' }, worker);
      } catch (err) {
        closeError = err;
      }
    }
    this.closed = true;
    await worker?.terminate();
    if (closeError !== undefined) throw closeError;
  }

  /** Test hook: the worker thread, to simulate its crash. */
  get workerForTests(): Worker | undefined {
    return this.worker;
  }

  private async request(body: RequestBody, worker?: Worker, transfer?: ArrayBuffer[]): Promise<unknown> {
    if (this.closed) throw new StoreUnavailableError('store: the events database is closed');
    const w = worker ?? this.worker ?? (await this.ensureWorker());
    // A worker that died meanwhile would never answer.
    if (worker === undefined && w !== this.worker)
      throw new StoreUnavailableError('store: the events worker stopped; not completed');
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      if (this.pending.size === 0) w.ref(); // an answer is awaited: keep the process alive for it
      this.pending.set(id, { resolve, reject });
      w.postMessage({ ...body, id } as EventsRequest, transfer);
    });
  }

  private ensureWorker(): Promise<Worker> {
    if (this.worker !== undefined) return Promise.resolve(this.worker);
    this.starting ??= this.start().finally(() => (this.starting = undefined));
    return this.starting;
  }

  private start(): Promise<Worker> {
    return new Promise<Worker>((resolve, reject) => {
      let worker: Worker;
      try {
        worker = newWorker(eventsWorkerUrl(), this.data);
      } catch (err) {
        reject(err instanceof Error ? err : new Error(String(err)));
        return;
      }
      let ready = false;
      let failure: Error | undefined;
      worker.on('message', (msg: EventsReply | { ready: boolean; error?: EventsError }) => {
        if ('ready' in msg) {
          if (msg.ready) {
            ready = true;
            this.worker = worker;
            worker.unref(); // idle: an open store alone does not keep the process running
            resolve(worker);
          } else {
            failure = openError(this.data.path, msg.error);
          }
          return;
        }
        const p = this.pending.get(msg.id);
        if (p === undefined) return;
        this.pending.delete(msg.id);
        if (this.pending.size === 0) worker.unref();
        if (msg.ok) p.resolve(msg.value);
        else p.reject(toError(msg.error));
      });
      worker.on('error', (err) => {
        failure ??= err;
      });
      worker.on('exit', (code) => {
        if (this.worker === worker) this.worker = undefined;
        const why = failure?.message ?? `exit code ${code}`;
        if (!ready) {
          reject(
            failure instanceof StoreUnavailableError
              ? failure
              : new StoreUnavailableError(`store: the events worker could not start: ${why}`),
          );
          return;
        }
        if (this.closed && this.pending.size === 0) return;
        const lost = new StoreUnavailableError(`store: the events worker stopped (${why}); not completed`);
        for (const p of this.pending.values()) p.reject(lost);
        this.pending.clear();
      });
    });
  }
}

function newWorker(url: URL, workerData: EventsWorkerData): Worker {
  // No inherited node flags: the worker needs none, and some are refused in a worker (a parent run with
  // `node --input-type=module -e …` would otherwise fail every start).
  if (!url.pathname.endsWith('.ts')) return new Worker(url, { workerData, execArgv: [] });
  // Running from sources under tsx, whose loader hooks (on Node 20) do not reach worker threads: register
  // them in the worker before loading the TypeScript worker module.
  const tsx = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(url.href)}); })`;
  return new Worker(boot, { eval: true, workerData, execArgv: [] });
}

function openError(path: string, e: EventsError | undefined): Error {
  const message = e?.message ?? 'unknown error';
  if (e?.name === 'EventsDbBusyError' || e?.code === 'SQLITE_BUSY')
    return new StoreUnavailableError(`store: ${path} is in use by another process`);
  return new StoreUnavailableError(`store: cannot open ${path}: ${message}`);
}

function toError(e: EventsError): Error {
  const Ctor = e.name === 'TypeError' ? TypeError : e.name === 'RangeError' ? RangeError : Error;
  const err = new Ctor(e.message) as Error & { code?: string };
  if (Ctor === Error) err.name = e.name;
  if (e.code !== undefined) err.code = e.code;
  return err;
}
