// The audit recorder: turns every API call into CloudTrail records, keeps them durably in the store's
// event log, writes trail log files if asked, and tracks access-key last use. Recording is a
// synchronous push onto a buffer (the record is built and serialised there, so the buffer holds no
// reference to request objects or credentials); the store write is batched off the request's path
// and close() drains everything, so nothing acknowledged is lost on a clean shutdown.
import type { ServerEnv } from '../env.js';
import { CALLS_MODULE_ERROR, EventRecords, type AuditEventInput } from '../../store/index.js';
import { MANAGEMENT_ACCOUNT_SETTING } from '../accounts/accounts.js';
import {
  callFacts,
  buildDataEvents,
  type ApiCallCapture,
  type BuiltEvent,
  type CallFacts,
  type DataEventInput,
} from './record.js';
import { buildCallEvents } from './call-events.js';
import { callLine, recordsFromCallLines, type LineBefore } from './call-lines.js';
import { TrailFileWriter } from './log-files.js';
import { RecordArena } from './record-arena.js';
import { KeyLastUsed, type LastUsed } from './last-used.js';

import { buildServiceAssumeRoleEvent, type ServiceAssumeRoleInput } from './service-assume-role.js';

export interface AuditOptions {
  /** Keep events this many days (CloudTrail's event history keeps 90). */
  retentionDays: number;
  /** Also write CloudTrail log files under this directory. */
  trailDir?: string;
  /** How long a record may wait in the buffer before the batch is written. */
  flushMs?: number;
  /** How often log files are written. */
  fileFlushMs?: number;
}

const BATCH = 2000;
/**
 * How long records wait before they are written. Each commit rewrites the index pages the batch touched
 * (event ids and session keys are random, so nearly one page per index per event): fewer, larger commits
 * cost far less per event (measured ~165 µs at 150 per commit, ~108 µs at 2000). LookupEvents flushes
 * first, so a caller always reads its own calls; a clean shutdown drains the buffer.
 */
const FLUSH_MS = 1000;
/** If the store is down this long, the oldest buffered events are dropped (and said so) rather than OOM. */
const MAX_BUFFERED = 200_000;
const RETENTION_SWEEP_MS = 60 * 60 * 1000;
/**
 * How often the SQLite backend's records are sent to its events worker. Sent each event-loop turn, the worker
 * woke and made a savepoint per few events: ~45-50 µs of its CPU an event, against ~25 at 50 ms (and ~37 for
 * the previous one-second batches), and on two cores that CPU is taken from the request-serving thread.
 */
const GROUP_SEND_MS = 50;
/** How many times a drain sends what was refused while it ran before leaving it to the retry timer. */
const DRAIN_ATTEMPTS = 3;
/** At most this many events in grouped appends awaiting their commit; more wait in the buffer. */
const MAX_IN_FLIGHT = 20_000;

const recorders = new WeakMap<ServerEnv, AuditRecorder>();

/** The server's recorder (undefined when auditing is off), e.g. for S3's data events. */
export function auditRecorder(env: ServerEnv): AuditRecorder | undefined {
  return recorders.get(env);
}

export class AuditRecorder {
  private buffer: AuditEventInput[] = [];
  private timer: NodeJS.Timeout | undefined;
  private sweeper: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();
  private readonly files: TrailFileWriter | undefined;
  private readonly arena = new RecordArena();
  readonly lastUsed: KeyLastUsed;
  private closed = false;
  /** API calls answered and not yet recorded (see apiCall): capture, error, time (ms), … */
  private answered: unknown[] = [];
  /**
   * The memory backend's write is a copy into its log: nothing is gained by batching, so records go to it at
   * the end of each event-loop turn, as text. Buffered for a second instead, every record would outlive
   * young-generation collections and be copied and promoted first.
   */
  private readonly writeEachTurn: boolean;
  /**
   * SQLite: each event is encoded at once into an arena of records (EventRecords: shared memory the events
   * worker reads in place), and the arenas are sent every GROUP_SEND_MS as grouped appends, which the worker
   * commits together (~2,000 at a time, or after a second), several in flight at once. An arena is kept
   * until its append is committed (to retry it if refused), then reused.
   */
  private readonly grouped: boolean;
  /**
   * API calls go to the events worker as lines of their facts and elements (./call-lines.ts), and the worker
   * assembles their records: building a record here cost the request-serving thread ~8 µs a call under load
   * (~3 µs in a tight loop: its code and data fall out of the caches between requests). Not with trail
   * files, which are written from here and need each record's text.
   */
  private callsInWorker: boolean;
  /** The arenas being filled (records, and call lines), then those filled (or refused) and not yet sent. */
  private filling: EventRecords | undefined;
  private fillingCalls: EventRecords | undefined;
  /** The identity and head of fillingCalls' last line (see callLine). */
  private lineBefore: LineBefore = { identity: '', head: '' };
  private readonly filled: EventRecords[] = [];
  /** Events in `filled`. */
  private filledEvents = 0;
  private turn: NodeJS.Immediate | undefined;
  private groupTimer: NodeJS.Timeout | undefined;
  /** Grouped appends sent and not yet committed, and how many events they hold (bounded: backpressure). */
  private readonly inFlight = new Set<Promise<void>>();
  private inFlightEvents = 0;

  constructor(
    private readonly env: ServerEnv,
    private readonly opts: AuditOptions,
  ) {
    this.files = opts.trailDir ? new TrailFileWriter(opts.trailDir, env.log, opts.fileFlushMs) : undefined;
    this.lastUsed = new KeyLastUsed(env.store, env.log);
    recorders.set(env, this);
    this.grouped =
      env.store.backend === 'sqlite' &&
      opts.flushMs === undefined &&
      env.store.appendEventRecords !== undefined;
    this.writeEachTurn = env.store.backend === 'memory' && opts.flushMs === undefined;
    this.callsInWorker = this.grouped && env.store.acceptsEventCalls === true && this.files === undefined;
  }

  /** Starts the retention sweep (once now, then hourly). */
  start(): void {
    void this.sweep();
    this.sweeper = setInterval(() => void this.sweep(), RETENTION_SWEEP_MS).unref();
  }

  /**
   * Records one API call (err set when it failed), once the replies of this event-loop turn are written
   * (afterReplies): its record is not made before its reply, nor the replies of the turn's other calls,
   * leave. Measured (paired A/B, AssumeRole at concurrency 16): ~17% fewer requests a second than with
   * auditing off when each call was recorded before its reply, ~12% after. On these VMs a reply that
   * reaches a client asleep waiting for it costs the server a wake-up: replies sent sooner find the client
   * running more often. The call's time is taken now. Never throws: auditing must not break a request.
   */
  apiCall(cap: ApiCallCapture, err?: unknown): void {
    this.answered.push(cap, err, this.env.clock.nowMs());
  }

  /**
   * Records the calls answered so far: called once a turn's replies are written (by both HTTP paths' reply
   * batches), and by flush (LookupEvents, close).
   */
  afterReplies(): void {
    const a = this.answered;
    if (a.length === 0) return;
    this.answered = [];
    for (let i = 0; i < a.length; i += 3) this.record(a[i] as ApiCallCapture, a[i + 1], a[i + 2] as number);
  }

  private record(cap: ApiCallCapture, err: unknown, timeMs: number): void {
    try {
      const c = cap.caller;
      if (c?.accessKeyId && cap.service)
        this.lastUsed.note(
          c.accessKeyId,
          cap.service.name,
          cap.region ?? this.env.config.defaultRegion,
          timeMs,
        );
      const facts = callFacts(cap, err, {
        store: this.env.store,
        now: new Date(timeMs),
        managementAccount: this.managementAccount(),
        defaultRegion: this.env.config.defaultRegion,
      });
      if (facts === undefined) return;
      if (this.callsInWorker && this.encodeCall(facts, cap)) return;
      this.push(buildCallEvents(facts, cap.input, cap.output));
    } catch (e) {
      this.env.log.error('audit record not built', { requestId: cap.requestId, error: String(e) });
    }
  }

  /** Records a data event (eventCategory Data), e.g. S3 object reads and writes. */
  dataEvent(d: Omit<DataEventInput, 'time'> & { time?: Date }): void {
    try {
      this.push(buildDataEvents({ ...d, time: d.time ?? this.env.clock.now() }, this.env.store));
    } catch (e) {
      this.env.log.error('audit record not built', { requestId: d.requestId, error: String(e) });
    }
  }

  /** Records a role assumed by an AWS service for a customer (EC2 instance profiles). */
  serviceAssumeRole(i: Omit<ServiceAssumeRoleInput, 'time'>): void {
    try {
      this.push([buildServiceAssumeRoleEvent({ ...i, time: this.env.clock.now() })]);
    } catch (e) {
      this.env.log.error('audit record not built', { error: String(e) });
    }
  }

  /** GetAccessKeyLastUsed's answer for a key. */
  keyLastUsed(accessKeyId: string): LastUsed | undefined {
    return this.lastUsed.get(accessKeyId);
  }

  /** Writes everything buffered so far; LookupEvents calls it to read its own writes. */
  flush(): Promise<void> {
    this.afterReplies();
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.turn) clearImmediate(this.turn);
    this.turn = undefined;
    if (this.groupTimer) clearTimeout(this.groupTimer);
    this.groupTimer = undefined;
    this.flushing = this.flushing.then(() => this.drain());
    return this.flushing;
  }

  /** Drains the buffer, the log files and last-used data; later records are still written. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.sweeper) clearInterval(this.sweeper);
    await this.flush();
    await this.files?.flush();
    await this.lastUsed.flush(this.env.clock.nowMs());
  }

  private push(events: BuiltEvent[]): void {
    if (this.grouped) {
      for (const e of events) {
        this.files?.add(e.account, e.region, e.json);
        this.encode(e);
      }
      this.groupTimer ??= setTimeout(() => this.sendGrouped(), GROUP_SEND_MS);
      if (this.closed) void this.flush();
      return;
    }
    for (const e of events) {
      this.files?.add(e.account, e.region, e.json);
      // Handed over within this turn, the built event itself will do: it has every column the store needs.
      if (this.writeEachTurn) {
        this.buffer.push(e);
        continue;
      }
      // Waiting longer (SQLite's worker, or flushMs), the record waits as bytes: see RecordArena.
      this.buffer.push({
        account: e.account,
        time: e.time,
        id: e.id,
        name: e.name,
        source: e.source,
        username: e.username,
        accessKeyId: e.accessKeyId,
        readOnly: e.readOnly,
        resources: e.resources,
        json: this.arena.bytes(e.json),
      });
    }
    if (this.buffer.length > MAX_BUFFERED) {
      const dropped = this.buffer.splice(0, this.buffer.length - MAX_BUFFERED).length;
      this.env.log.error('audit buffer full: oldest events dropped', { dropped });
    }
    if (this.buffer.length >= BATCH) void this.flush();
    else if (this.writeEachTurn) this.turn ??= setImmediate(() => void this.flush());
    else if (!this.timer) this.timer = setTimeout(() => void this.flush(), this.opts.flushMs ?? FLUSH_MS);
    if (this.closed) void this.flush();
  }

  /** Encodes an event into the arena being filled (a new one when it is full). */
  private encode(e: BuiltEvent): void {
    try {
      if (this.filling?.add(e)) return;
      this.sealOne(this.filling);
      this.filling = EventRecords.take(EventRecords.maxBytes(e));
      this.filling.add(e);
    } catch (err) {
      // An event the store would refuse (e.g. a name with a NUL): said, and left out, not retried forever.
      this.env.log.error('audit event not stored: invalid', { eventId: e.id, error: String(err) });
    }
  }

  /**
   * Writes a call's line into the calls arena being filled (a new one when it is full); false where its line
   * could not be made (its records are then made here, where the same error is logged).
   */
  private encodeCall(f: CallFacts, cap: ApiCallCapture): boolean {
    const wire = cap.wire;
    const request = wire && {
      body: wire.body,
      rawQuery: wire.rawQuery,
      contentType: wire.headers['content-type'],
    };
    try {
      const open = this.fillingCalls;
      if (!open || !open.addLine(callLine(f, cap.input, cap.output, request, this.lineBefore))) {
        // A new arena: its first line is written whole (it refers to no line before it).
        this.lineBefore = { identity: '', head: '' };
        const line = callLine(f, cap.input, cap.output, request, this.lineBefore);
        this.sealOne(open);
        this.fillingCalls = EventRecords.take(EventRecords.lineBytes(line), 'calls');
        this.fillingCalls.addLine(line);
      }
    } catch {
      return false;
    }
    this.groupTimer ??= setTimeout(() => this.sendGrouped(), GROUP_SEND_MS);
    if (this.closed) void this.flush();
    return true;
  }

  /** The arenas being filled join those waiting to be sent. */
  private seal(): void {
    this.sealOne(this.filling);
    this.sealOne(this.fillingCalls);
    this.filling = this.fillingCalls = undefined;
  }

  /** An arena joins those waiting to be sent (the oldest dropped beyond MAX_BUFFERED). */
  private sealOne(r: EventRecords | undefined): void {
    if (!r) return;
    if (r.count === 0) return r.release();
    this.filled.push(r);
    this.filledEvents += r.count;
    while (this.filledEvents > MAX_BUFFERED && this.filled.length > 1) {
      const dropped = this.filled.shift()!;
      this.filledEvents -= dropped.count;
      this.env.log.error('audit buffer full: oldest events dropped', { dropped: dropped.count });
      dropped.release();
    }
  }

  /** Sends the filled arenas as grouped appends, without waiting for their commits (up to MAX_IN_FLIGHT). */
  private sendGrouped(): void {
    if (this.groupTimer) clearTimeout(this.groupTimer);
    this.groupTimer = undefined;
    this.seal();
    while (this.filled.length && this.inFlightEvents < MAX_IN_FLIGHT) this.sendRecords(true);
  }

  /** Sends the oldest filled arena; released once committed, kept to retry if refused. */
  private sendRecords(group: boolean): Promise<void> {
    const r = this.filled.shift()!;
    this.filledEvents -= r.count;
    this.inFlightEvents += r.count;
    const sent: Promise<void> = this.env.store.appendEventRecords!(r, { group })
      .then(
        (failed) => {
          r.release();
          if (failed) this.env.log.error('audit records not made of some calls; left out', { calls: failed });
        },
        (err: unknown) => this.recordsNotStored(r, err),
      )
      .finally(() => {
        this.inFlight.delete(sent);
        this.inFlightEvents -= r.count;
        // Held back by the bound: send them now that there is room.
        if (this.filled.length && !this.timer && !this.closed)
          this.groupTimer ??= setTimeout(() => this.sendGrouped(), GROUP_SEND_MS);
      });
    this.inFlight.add(sent);
    return sent;
  }

  private async drain(): Promise<void> {
    if (this.grouped) return this.drainRecords();
    this.arena.seal();
    // Not grouped: this commits, in order, every grouped append sent before it (even with no events).
    do {
      const batch = this.buffer.splice(0, BATCH);
      try {
        await this.env.store.appendEvents(batch);
      } catch (err) {
        this.notStored(batch, err);
        return;
      }
    } while (this.buffer.length);
    await Promise.allSettled([...this.inFlight]);
  }

  /**
   * Sends every filled arena, the last ungrouped: it commits, in order, every grouped append before it (with
   * none to send, an empty ungrouped append does that for those in flight). Appends refused meanwhile (e.g.
   * the worker died under them) come back to the filled ones and are sent again, a few times at most.
   */
  private async drainRecords(): Promise<void> {
    for (let attempt = 0; attempt < DRAIN_ATTEMPTS; attempt++) {
      this.seal();
      while (this.filled.length > 1) void this.sendRecords(true);
      if (this.filled.length) await this.sendRecords(false);
      else if (this.inFlight.size) {
        try {
          await this.env.store.appendEvents([]);
        } catch (err) {
          this.env.log.error('audit events not committed', { error: String(err) });
        }
      }
      await Promise.allSettled([...this.inFlight]);
      if (this.filled.length === 0) return;
    }
  }

  /** Keeps an arena a write refused for the next try (first in line, its events in order). */
  private recordsNotStored(r: EventRecords, err: unknown): void {
    this.env.log.error('audit events not stored; will retry', { events: r.count, error: String(err) });
    if (r.kind === 'calls') {
      // Made into records here (as the worker would: the same ids), so that the retry does not depend on
      // the worker's module; if that module is what failed, later calls' records are made here too.
      if ((err as Error | undefined)?.name === CALLS_MODULE_ERROR && this.callsInWorker) {
        this.callsInWorker = false;
        this.env.log.error('audit: the events thread cannot make records of calls; made here from now on');
      }
      const made = recordsFromCallLines(r.records());
      r.release();
      if (made.failed)
        this.env.log.error('audit records not made of some calls; left out', { calls: made.failed });
      for (const a of made.records.reverse()) this.keepForRetry(a);
    } else this.keepForRetry(r);
    if (!this.timer && !this.closed) this.timer = setTimeout(() => void this.flush(), 1000);
  }

  /** An arena first in line to be sent again. */
  private keepForRetry(r: EventRecords): void {
    if (r.count === 0) return r.release();
    this.filled.unshift(r);
    this.filledEvents += r.count;
  }

  /** Keeps events a write refused for the next try (the buffer bound still applies). */
  private notStored(batch: AuditEventInput[], err: unknown): void {
    this.buffer.unshift(...batch);
    this.env.log.error('audit events not stored; will retry', { events: batch.length, error: String(err) });
    if (!this.timer && !this.closed) this.timer = setTimeout(() => void this.flush(), 1000);
  }

  private async sweep(): Promise<void> {
    const cutoff = new Date(this.env.clock.nowMs() - this.opts.retentionDays * 86_400_000);
    try {
      const n = await this.env.store.deleteEventsBefore(cutoff);
      if (n)
        this.env.log.info('audit retention: events deleted', { events: n, before: cutoff.toISOString() });
    } catch (err) {
      this.env.log.warn('audit retention sweep failed', { error: String(err) });
    }
  }

  private mgmt: string | undefined;
  private managementAccount(): string {
    return (this.mgmt ??= this.env.store.getSetting<string>(MANAGEMENT_ACCOUNT_SETTING) ?? '000000000000');
  }
}
