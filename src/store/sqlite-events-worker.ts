// The events worker thread: owns `<dataDir>/events.db` and answers the main thread's requests one at a time,
// in arrival order (so a query sees every append posted before it). Started by ./sqlite-events-client.ts.
// Protocol: workerData { path, synchronous }; it posts { ready: true } once the file is open, or
// { ready: false, error } and ends; then each request { id, op, ... } gets exactly one
// { id, ok: true, value } or { id, ok: false, error }.
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { SqliteEventsDb } from './sqlite-events-db.js';
import { decodeEventRows } from './sqlite-events-rows.js';
import type { EventsError, EventsReply, EventsRequest, EventsWorkerData } from './sqlite-events-protocol.js';

function main(port: MessagePort): void {
  const { path, synchronous } = workerData as EventsWorkerData;
  let db: SqliteEventsDb;
  try {
    db = new SqliteEventsDb(path, synchronous);
  } catch (err) {
    port.postMessage({ ready: false, error: toEventsError(err) });
    port.close();
    return;
  }
  port.on('message', (req: EventsRequest) => {
    let reply: EventsReply;
    try {
      switch (req.op) {
        case 'append':
          db.append(decodeEventRows(req.rows));
          reply = { id: req.id, ok: true, value: undefined };
          break;
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
      reply = { id: req.id, ok: false, error: toEventsError(err) };
    }
    port.postMessage(reply);
  });
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
