// IAM's access-key last-used data (GetAccessKeyLastUsed). Every authenticated call with a long-term
// key updates an in-memory entry; the store is written lazily, at most once per key per minute (and
// on shutdown), so the hot path never waits for a write.
import type { Store } from '../../store/index.js';
import type { Logger } from '../../server/log.js';
import { getAccessKey, putAccessKey, type AccessKeyRecord } from '../accounts/access-keys.js';

export type LastUsed = NonNullable<AccessKeyRecord['lastUsed']>;

const PERSIST_EVERY_MS = 60_000;

export class KeyLastUsed {
  private readonly latest = new Map<string, { ms: number; serviceName: string; region: string }>();
  private readonly persistedAt = new Map<string, number>();
  private readonly dirty = new Set<string>();
  private writes: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: Store,
    private readonly log: Logger,
  ) {}

  note(accessKeyId: string, serviceName: string, region: string, nowMs: number): void {
    if (!accessKeyId.startsWith('AKIA')) return;
    const e = this.latest.get(accessKeyId);
    if (e) {
      e.ms = nowMs;
      e.serviceName = serviceName;
      e.region = region;
    } else {
      if (this.latest.size >= 100_000) this.latest.delete(this.latest.keys().next().value!);
      this.latest.set(accessKeyId, { ms: nowMs, serviceName, region });
    }
    this.dirty.add(accessKeyId);
    if (nowMs - (this.persistedAt.get(accessKeyId) ?? 0) >= PERSIST_EVERY_MS)
      this.persist(accessKeyId, nowMs);
  }

  /** The freshest value: memory first, else what the store holds. */
  get(accessKeyId: string): LastUsed | undefined {
    const e = this.latest.get(accessKeyId);
    if (e) return { date: new Date(e.ms).toISOString(), serviceName: e.serviceName, region: e.region };
    return getAccessKey(this.store, accessKeyId)?.lastUsed;
  }

  /** Writes every key used since its last write; resolves when all writes are done. */
  async flush(nowMs: number): Promise<void> {
    for (const id of [...this.dirty]) this.persist(id, nowMs);
    await this.writes;
  }

  private persist(accessKeyId: string, nowMs: number): void {
    this.persistedAt.set(accessKeyId, nowMs);
    this.dirty.delete(accessKeyId);
    const lastUsed = this.get(accessKeyId);
    this.writes = this.writes.then(async () => {
      // Read-modify-write of the current record: status changes made meanwhile are kept.
      const current = getAccessKey(this.store, accessKeyId);
      if (!current || !lastUsed) return;
      try {
        await putAccessKey(this.store, { ...current, lastUsed });
      } catch (err) {
        this.log.warn('access key last-used not saved', { accessKeyId, error: String(err) });
      }
    });
  }
}
