// The in-memory mirror of every entity and setting: the store serves all reads from here, synchronously.
// IAM-scale state (thousands to a few hundred thousand entities) fits comfortably in memory.
import type { EntityRecord } from './types.js';
import { entityKey, lowerName, nameKey, scopeKey } from './keys.js';

export class Mirror {
  private readonly byKey = new Map<string, EntityRecord>();
  /** nameKey → entityKey of the entity holding that name. */
  private readonly byName = new Map<string, string>();
  /** kind → entityKey → record, and (kind, account) → entityKey → record, for list(). */
  private readonly byKind = new Map<string, Map<string, EntityRecord>>();
  private readonly byScope = new Map<string, Map<string, EntityRecord>>();
  /** list() results, sorted once and reused until the kind changes. Keyed by kind or by scopeKey. */
  private readonly sorted = new Map<string, readonly EntityRecord[]>();
  readonly settings = new Map<string, unknown>();

  get size(): number {
    return this.byKey.size;
  }

  /** Every entity's key (a snapshot). */
  keys(): string[] {
    return [...this.byKey.keys()];
  }

  getByKey(key: string): EntityRecord | undefined {
    return this.byKey.get(key);
  }

  get(kind: string, account: string, id: string): EntityRecord | undefined {
    return this.byKey.get(entityKey(kind, account, id));
  }

  /** The entityKey of whoever holds this nameKey. */
  nameOwner(nk: string): string | undefined {
    return this.byName.get(nk);
  }

  getByName(kind: string, account: string, name: string): EntityRecord | undefined {
    const key = this.byName.get(nameKey(kind, account, name));
    return key === undefined ? undefined : this.byKey.get(key);
  }

  list(kind: string, account?: string): EntityRecord[] {
    const cacheKey = account === undefined ? kind : scopeKey(kind, account);
    let recs = this.sorted.get(cacheKey);
    if (recs === undefined) {
      const bucket = account === undefined ? this.byKind.get(kind) : this.byScope.get(cacheKey);
      recs = bucket === undefined ? [] : sortRecords([...bucket.values()]);
      this.sorted.set(cacheKey, recs);
    }
    return recs.slice();
  }

  /** Inserts or replaces. Tolerates a transiently shared name (another node's rename seen out of order). */
  set(rec: EntityRecord): void {
    const key = entityKey(rec.kind, rec.account, rec.id);
    const old = this.byKey.get(key);
    if (old?.name !== undefined) this.releaseName(old, key);
    this.byKey.set(key, rec);
    if (rec.name !== undefined) this.byName.set(nameKey(rec.kind, rec.account, rec.name), key);
    bucket(this.byKind, rec.kind).set(key, rec);
    bucket(this.byScope, scopeKey(rec.kind, rec.account)).set(key, rec);
    this.invalidate(rec.kind, rec.account);
  }

  remove(kind: string, account: string, id: string): boolean {
    const key = entityKey(kind, account, id);
    const old = this.byKey.get(key);
    if (old === undefined) return false;
    if (old.name !== undefined) this.releaseName(old, key);
    this.byKey.delete(key);
    this.byKind.get(kind)?.delete(key);
    this.byScope.get(scopeKey(kind, account))?.delete(key);
    this.invalidate(kind, account);
    return true;
  }

  clear(): void {
    this.byKey.clear();
    this.byName.clear();
    this.byKind.clear();
    this.byScope.clear();
    this.sorted.clear();
    this.settings.clear();
  }

  private releaseName(old: EntityRecord, key: string): void {
    const nk = nameKey(old.kind, old.account, old.name as string);
    if (this.byName.get(nk) === key) this.byName.delete(nk);
  }

  private invalidate(kind: string, account: string): void {
    this.sorted.delete(kind);
    this.sorted.delete(scopeKey(kind, account));
  }
}

function bucket(m: Map<string, Map<string, EntityRecord>>, k: string): Map<string, EntityRecord> {
  let b = m.get(k);
  if (b === undefined) m.set(k, (b = new Map()));
  return b;
}

/** By name case-insensitively, then exactly, then by id; unnamed ('' sorts first). Code-unit order: stable
 * across machines and locales. */
export function sortRecords(recs: EntityRecord[]): EntityRecord[] {
  const keyed = recs.map((r) => ({
    r,
    lower: r.name === undefined ? '' : lowerName(r.name),
    name: r.name ?? '',
  }));
  keyed.sort((a, b) => cmp(a.lower, b.lower) || cmp(a.name, b.name) || cmp(a.r.id, b.r.id));
  return keyed.map((k) => k.r);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
