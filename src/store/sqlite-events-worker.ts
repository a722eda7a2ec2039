// The events worker thread: owns `<dataDir>/events.db` and answers the main thread's requests one at a time,
// in arrival order (so a query sees every append posted before it; grouped appends are committed first).
// Started by ./sqlite-events-client.ts.
// Protocol: workerData { path, synchronous }; it posts { ready: true } once the file is open, or
// { ready: false, error } and ends; then each request { id, op, ... } gets exactly one
// { id, ok: true, value } or { id, ok: false, error }.
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { SqliteEventsDb } from './sqlite-events-db.js';
import { BackgroundPriority } from './background-priority.js';
import {
  CALLS_MODULE_ERROR,
  type EventsError,
  type EventsReply,
  type EventsRequest,
  type EventsWorkerData,
} from './sqlite-events-protocol.js';
import type { EventRecords } from './event-records.js';

/**
 * Grouped appends are committed together: at this many events, after GROUP_MS, or before any other request.
 * Each commit rewrites the index pages it touched and (synchronous=FULL) fsyncs: measured with a row per
 * event (schema 1), ~165 µs an event at 150 per commit, ~108 µs at 2,000. The recorder sends what it has every 50 ms (so the request-serving
 * thread never holds a second's worth of records) and the grouping happens here.
 */
const GROUP_EVENTS = 2000;
const GROUP_MS = 1000;

/** What workerData.callsModule exports (services/cloudtrail/call-lines.ts). */
interface CallsModule {
  recordsFromCallLines(lines: Uint8Array): { records: EventRecords[]; failed: number };
}

function main(port: MessagePort): void {
  const priority = new BackgroundPriority();
  priority.start();
  const { path, synchronous, callsModule } = workerData as EventsWorkerData;
  /** Loaded when the first call lines arrive (a server without them does not pay for its modules). */
  let calls: CallsModule | undefined;
  const loadCalls = async (): Promise<CallsModule> => {
    try {
      if (callsModule === undefined) throw new TypeError('no module was given');
      return (calls ??= (await import(callsModule)) as CallsModule);
    } catch (err) {
      // Named, so that the recorder stops sending call lines and makes their records itself.
      const e = new Error(`events: cannot load the module that makes records of call lines: ${String(err)}`);
      e.name = CALLS_MODULE_ERROR;
      throw e;
    }
  };
  let db: SqliteEventsDb;
  try {
    db = new SqliteEventsDb(path, synchronous);
  } catch (err) {
    port.postMessage({ ready: false, error: toEventsError(err) });
    port.close();
    return;
  }
  /** Appends in the open group (and their values), answered when it is committed (or rolled back). */
  let waiting: { id: number; value: number }[] = [];
  let grouped = 0;
  let timer: NodeJS.Timeout | undefined;
  const commit = (): void => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    const ids = waiting;
    waiting = [];
    grouped = 0;
    let error: EventsError | undefined;
    try {
      db.commit();
    } catch (err) {
      error = toEventsError(err);
    }
    for (const { id, value } of ids) {
      port.postMessage((error ? { id, ok: false, error } : { id, ok: true, value }) satisfies EventsReply);
    }
  };
  // Requests are handled one at a time in arrival order, each after the one before has finished (only the
  // first call lines wait, for their module to load).
  let chain: Promise<void> = Promise.resolve();
  port.on('message', (req: EventsRequest) => {
    if (req.op === 'append' && req.sentAt !== undefined) priority.started(Date.now() - req.sentAt);
    chain = chain.then(() =>
      req.op === 'append' && req.calls
        ? loadCalls().then(
            () => handle(req),
            (err: unknown) => refuse(req, err),
          )
        : handle(req),
    );
  });
  const refuse = (req: EventsRequest, err: unknown): void => {
    // A refused ungrouped append still commits the grouped ones before it, as a stored one would.
    if (req.op === 'append' && !req.group) commit();
    port.postMessage({ id: req.id, ok: false, error: toEventsError(err) } satisfies EventsReply);
  };
  const handle = (req: EventsRequest): void => {
    let reply: EventsReply;
    try {
      if (req.op !== 'append') commit();
      switch (req.op) {
        case 'append': {
          db.begin();
          let failed = 0;
          if (req.calls) {
            const made = calls!.recordsFromCallLines(req.records);
            failed = made.failed;
            try {
              // Their refs were kept as they were made here: the bytes are not read back.
              grouped += db.appendRecords(
                made.records.map((r) => (r.refs ? { bytes: r.records(), refs: r.refs } : r.records())),
              );
            } finally {
              for (const r of made.records) r.release();
            }
          } else grouped += db.appendRecords(req.records);
          waiting.push({ id: req.id, value: failed });
          if (!req.group || grouped >= GROUP_EVENTS) commit();
          else timer ??= setTimeout(commit, GROUP_MS);
          return;
        }
        case 'query':
          reply = { id: req.id, ok: true, value: db.query(req.query) };
          break;
        case 'deleteBefore':
          reply = { id: req.id, ok: true, value: db.deleteBefore(req.timeMs) };
          break;
        case 'close':
          db.close();
          port.postMessage({ id: req.id, ok: true, value: undefined } satisfies EventsReply);
          port.close();
          return;
      }
    } catch (err) {
      refuse(req, err);
      return;
    }
    port.postMessage(reply);
  };
  port.postMessage({ ready: true });
}

function toEventsError(err: unknown): EventsError {
  const e = err as { name?: unknown; message?: unknown; code?: unknown } | null;
  return {
    name: String(e?.name ?? 'Error'),
    message: String(e?.message ?? err),
    code: typeof e?.code === 'string' ? e.code : undefined,
  };
}

if (parentPort === null) throw new Error('sqlite-events-worker: must run in a worker thread');
main(parentPort);
