// What all backends share: reads from the mirror, the write API on top of one `write(ops)` primitive, and the
// open/close life cycle (close waits for writes in flight).
import type {
  AppendEventsOptions,
  AuditEventInput,
  BatchOp,
  DeleteOptions,
  EntityInput,
  EntityRecord,
  EventQuery,
  PutOptions,
  Store,
  StoreBackend,
  StoredEvent,
} from './types.js';
import { Mirror } from './mirror.js';
import type { ChangeResult } from './plan.js';
import { checkKeyPart, MAX_SETTING_KEY, toJson } from './validate.js';
import { frozenFromJson } from './freeze.js';

export abstract class MirroredStore implements Store {
  abstract readonly backend: StoreBackend;
  protected readonly mirror = new Mirror();
  private state: 'new' | 'opening' | 'open' | 'closed' = 'new';
  private readonly inFlight = new Set<Promise<unknown>>();

  async open(): Promise<void> {
    if (this.state !== 'new') throw new Error(`store: open() called on a ${this.state} store`);
    this.state = 'opening';
    try {
      await this.doOpen();
      this.state = 'open';
    } catch (err) {
      this.state = 'closed';
      await this.doClose().catch(() => undefined);
      throw err;
    }
  }

  async close(): Promise<void> {
    if (this.state === 'closed') return;
    this.state = 'closed';
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
    await this.doClose();
  }

  get<T>(kind: string, account: string, id: string): EntityRecord<T> | undefined {
    return this.mirror.get(kind, account, id) as EntityRecord<T> | undefined;
  }

  getByName<T>(kind: string, account: string, name: string): EntityRecord<T> | undefined {
    return this.mirror.getByName(kind, account, name) as EntityRecord<T> | undefined;
  }

  list<T>(kind: string, account?: string): EntityRecord<T>[] {
    return this.mirror.list(kind, account) as EntityRecord<T>[];
  }

  async put<T>(rec: EntityInput<T>, opts?: PutOptions): Promise<EntityRecord<T>> {
    const [r] = await this.track(() => this.write([{ op: 'put', rec, opts }]));
    return r as EntityRecord<T>;
  }

  async delete(kind: string, account: string, id: string, opts?: DeleteOptions): Promise<boolean> {
    const [r] = await this.track(() => this.write([{ op: 'delete', kind, account, id, opts }]));
    return r as boolean;
  }

  async batch(ops: BatchOp[]): Promise<void> {
    if (Array.isArray(ops) && ops.length === 0) return;
    await this.track(() => this.write(ops));
  }

  getSetting<T>(key: string): T | undefined {
    return this.mirror.settings.get(key) as T | undefined;
  }

  async putSetting<T>(key: string, value: T): Promise<void> {
    await this.track(() => {
      checkKeyPart('setting key', key);
      if (key.length > MAX_SETTING_KEY)
        throw new RangeError(`store: setting key longer than ${MAX_SETTING_KEY}`);
      const json = toJson('setting value', value);
      return this.writeSetting(key, json, frozenFromJson(json));
    });
  }

  appendEvents(events: AuditEventInput[], opts?: AppendEventsOptions): Promise<void> {
    return this.track(() => this.doAppendEvents(events, opts));
  }

  queryEvents(q: EventQuery): Promise<StoredEvent[]> {
    return this.track(() => this.doQueryEvents(q));
  }

  deleteEventsBefore(time: Date): Promise<number> {
    return this.track(() => this.doDeleteEventsBefore(time));
  }

  /** Persists then applies the ops, all or nothing; validation errors reject before any I/O. */
  protected abstract write(ops: readonly BatchOp[]): Promise<ChangeResult[]>;
  protected abstract writeSetting(key: string, json: string, value: unknown): Promise<void>;
  protected abstract doOpen(): Promise<void>;
  protected abstract doClose(): Promise<void>;
  protected abstract doAppendEvents(events: AuditEventInput[], opts?: AppendEventsOptions): Promise<void>;
  protected abstract doQueryEvents(q: EventQuery): Promise<StoredEvent[]>;
  protected abstract doDeleteEventsBefore(time: Date): Promise<number>;

  /** Runs an operation if the store is open, and lets close() wait for it. */
  protected track<R>(fn: () => Promise<R>): Promise<R> {
    if (this.state !== 'open') return Promise.reject(new Error(`store: not open (${this.state})`));
    let p: Promise<R>;
    try {
      p = fn();
    } catch (err) {
      return Promise.reject(err);
    }
    this.inFlight.add(p);
    const done = (): void => void this.inFlight.delete(p);
    p.then(done, done);
    return p;
  }
}
