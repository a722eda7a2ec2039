// The audit recorder: turns every API call into CloudTrail records, keeps them durably in the store's
// event log, writes trail log files if asked, and tracks access-key last use. Recording is a
// synchronous push onto a buffer (the record is built and serialised there, so the buffer holds no
// reference to request objects or credentials); the store write is batched off the request's path
// and close() drains everything, so nothing acknowledged is lost on a clean shutdown.
import type { ServerEnv } from '../env.js';
import type { AuditEventInput } from '../../store/index.js';
import { MANAGEMENT_ACCOUNT_SETTING } from '../accounts/accounts.js';
import {
  buildApiCallEvents,
  buildDataEvents,
  type ApiCallCapture,
  type BuiltEvent,
  type DataEventInput,
} from './record.js';
import { TrailFileWriter } from './log-files.js';
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
  readonly lastUsed: KeyLastUsed;
  private closed = false;
  /**
   * The memory backend's write is a copy into its log: nothing is gained by batching, so records go to it at
   * the end of each event-loop turn, as text. Buffered for a second instead, every record would outlive
   * young-generation collections and be copied and promoted first.
   */
  private readonly writeEachTurn: boolean;
  private turn: NodeJS.Immediate | undefined;

  constructor(
    private readonly env: ServerEnv,
    private readonly opts: AuditOptions,
  ) {
    this.files = opts.trailDir ? new TrailFileWriter(opts.trailDir, env.log, opts.fileFlushMs) : undefined;
    this.lastUsed = new KeyLastUsed(env.store, env.log);
    recorders.set(env, this);
    this.writeEachTurn = env.store.backend === 'memory' && opts.flushMs === undefined;
  }

  /** Starts the retention sweep (once now, then hourly). */
  start(): void {
    void this.sweep();
    this.sweeper = setInterval(() => void this.sweep(), RETENTION_SWEEP_MS).unref();
  }

  /** Records one API call (err set when it failed). Never throws: auditing must not break a request. */
  apiCall(cap: ApiCallCapture, err?: unknown): void {
    try {
      const now = this.env.clock.now();
      const c = cap.caller;
      if (c?.accessKeyId && cap.service)
        this.lastUsed.note(
          c.accessKeyId,
          cap.service.name,
          cap.region ?? this.env.config.defaultRegion,
          now.getTime(),
        );
      this.push(
        buildApiCallEvents(cap, err, {
          store: this.env.store,
          now,
          managementAccount: this.managementAccount(),
          defaultRegion: this.env.config.defaultRegion,
        }),
      );
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
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.turn) clearImmediate(this.turn);
    this.turn = undefined;
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
    for (const e of events) {
      this.files?.add(e.account, e.region, e.json);
      // Handed over within this turn, the built event itself will do (it has every column the store needs).
      if (this.writeEachTurn) {
        this.buffer.push(e);
        continue;
      }
      // Buffered for a second as UTF-8 bytes, not text: a second's worth of records would otherwise be
      // thousands of strings that outlive young-generation collections and are copied, promoted and swept
      // again, which measured as more of the server's time than building the records.
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
        json: Buffer.from(e.json, 'utf8'),
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

  private async drain(): Promise<void> {
    while (this.buffer.length) {
      const batch = this.buffer.splice(0, BATCH);
      try {
        await this.env.store.appendEvents(batch);
      } catch (err) {
        // Keep them for the next try (the buffer bound above still applies).
        this.buffer.unshift(...batch);
        this.env.log.error('audit events not stored; will retry', {
          events: batch.length,
          error: String(err),
        });
        if (!this.timer && !this.closed) this.timer = setTimeout(() => void this.flush(), 1000);
        return;
      }
    }
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
