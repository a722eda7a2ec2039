// The messages between the SQLite store and its events worker (types, and one constant: importing them
// loads nothing else).
import type { EventQuery, StoredEvent } from './types.js';

export interface EventsWorkerData {
  path: string;
  synchronous: 'FULL' | 'NORMAL';
  /** The module that makes records of call lines (see OpenStoreOptions.eventCallsModule), loaded when first needed. */
  callsModule?: string;
}

export type EventsRequest =
  /** group: may wait (up to a second, or 2,000 events) to be committed with later appends. */
  /** records: encodeRecords' form (./event-batches.ts), of events already checked. */
  /** calls: `records` are call lines, made into records with workerData.callsModule (the reply's value: how many could not be). */
  /** sentAt: Date.now() when it was sent (the worker sees how long it waited). */
  | { id: number; op: 'append'; records: Uint8Array; group: boolean; calls?: boolean; sentAt?: number }
  | { id: number; op: 'query'; query: EventQuery }
  | { id: number; op: 'deleteBefore'; timeMs: number }
  | { id: number; op: 'close' };

export interface EventsError {
  name: string;
  message: string;
  code?: string;
}

export type EventsReply =
  | { id: number; ok: true; value: undefined | number | StoredEvent[] }
  | { id: number; ok: false; error: EventsError };

/** The name of the error an append of call lines is refused with when the worker cannot load their module. */
export const CALLS_MODULE_ERROR = 'EventCallsModuleError';
