// The memory backend (`--memory`): the mirror alone; nothing survives the process.
import type { AuditEventInput, BatchOp, EventQuery, StoredEvent } from './types.js';
import { MirroredStore } from './mirrored-store.js';
import { applyChanges, planWrites, type ChangeResult } from './plan.js';
import { MemoryEventLog } from './memory-events.js';

export class MemoryStore extends MirroredStore {
  readonly backend = 'memory' as const;
  private readonly events = new MemoryEventLog();

  protected async write(ops: readonly BatchOp[]): Promise<ChangeResult[]> {
    return applyChanges(this.mirror, planWrites(this.mirror, ops));
  }

  protected async writeSetting(key: string, _json: string, value: unknown): Promise<void> {
    this.mirror.settings.set(key, value);
  }

  protected async doOpen(): Promise<void> {}

  protected async doClose(): Promise<void> {}

  protected async doAppendEvents(events: AuditEventInput[]): Promise<void> {
    this.events.append(events);
  }

  protected async doQueryEvents(q: EventQuery): Promise<StoredEvent[]> {
    return this.events.query(q);
  }

  protected async doDeleteEventsBefore(time: Date): Promise<number> {
    return this.events.deleteBefore(time);
  }
}
