// Validates a list of writes against the mirror and turns it into the changes to persist. Later ops see earlier
// ones through an overlay, so a batch can create then update, or delete a role and reuse its name. Nothing here
// touches the mirror: it is updated only after the database has accepted the changes.
import type { BatchOp, EntityRecord } from './types.js';
import type { Mirror } from './mirror.js';
import { ConflictError, VersionConflictError } from './errors.js';
import { entityKey, nameKey } from './keys.js';
import { deepFreeze, frozenFromJson } from './freeze.js';
import { checkEntityInput, checkKeyPart, checkVersion, MAX_BATCH_OPS, toJson } from './validate.js';

export interface PutChange {
  op: 'put';
  key: string;
  /** The record as it will be, with version = previous + 1 as the mirror knows it. */
  rec: EntityRecord;
  json: string;
  prev: EntityRecord | undefined;
  ifAbsent: boolean;
  expectVersion: number | undefined;
}

export interface DeleteChange {
  op: 'delete';
  key: string;
  kind: string;
  account: string;
  id: string;
  prev: EntityRecord | undefined;
  expectVersion: number | undefined;
}

export type Change = PutChange | DeleteChange;

/** What each op resolves to: the stored record for a put, whether something was deleted for a delete. */
export type ChangeResult = EntityRecord | boolean;

export function planWrites(mirror: Mirror, ops: readonly BatchOp[]): Change[] {
  if (!Array.isArray(ops)) throw new TypeError('store: batch ops must be an array');
  if (ops.length > MAX_BATCH_OPS) throw new RangeError(`store: at most ${MAX_BATCH_OPS} ops per batch`);
  const view = new Overlay(mirror);
  return ops.map((o) => (o.op === 'put' ? planPut(view, o) : planDelete(view, o)));
}

function planPut(view: Overlay, o: Extract<BatchOp, { op: 'put' }>): PutChange {
  const { rec: input, opts } = o;
  checkEntityInput(input);
  checkVersion('expectVersion', opts?.expectVersion);
  const json = toJson('data', input.data);
  const { kind, account, id, name } = input;
  const key = entityKey(kind, account, id);
  const prev = view.get(key);
  if (opts?.ifAbsent && prev !== undefined) throw new ConflictError('id', kind, account, id);
  const expectVersion = opts?.expectVersion;
  if (expectVersion !== undefined && (prev?.version ?? 0) !== expectVersion) {
    throw new VersionConflictError(kind, account, id, expectVersion, prev?.version ?? 0);
  }
  if (name !== undefined) {
    const owner = view.nameOwner(nameKey(kind, account, name));
    if (owner !== undefined && owner !== key) throw new ConflictError('name', kind, account, name);
  }
  const rec = makeRecord(kind, account, id, name, frozenFromJson(json), (prev?.version ?? 0) + 1);
  view.set(key, rec, prev);
  return { op: 'put', key, rec, json, prev, ifAbsent: opts?.ifAbsent === true, expectVersion };
}

function planDelete(view: Overlay, o: Extract<BatchOp, { op: 'delete' }>): DeleteChange {
  const { kind, account, id, opts } = o;
  checkKeyPart('kind', kind);
  checkKeyPart('account', account);
  checkKeyPart('id', id);
  checkVersion('expectVersion', opts?.expectVersion);
  const key = entityKey(kind, account, id);
  const prev = view.get(key);
  const expectVersion = opts?.expectVersion;
  if (expectVersion !== undefined && prev !== undefined && prev.version !== expectVersion) {
    throw new VersionConflictError(kind, account, id, expectVersion, prev.version);
  }
  view.set(key, undefined, prev);
  return { op: 'delete', key, kind, account, id, prev, expectVersion };
}

export function makeRecord<T>(
  kind: string,
  account: string,
  id: string,
  name: string | undefined,
  data: T,
  version: number,
): EntityRecord<T> {
  const rec: { kind: string; account: string; id: string; name?: string; data: T; version: number } =
    name === undefined ? { kind, account, id, data, version } : { kind, account, id, name, data, version };
  return deepFreeze(rec);
}

/** Applies accepted changes to the mirror; `results` overrides the planned records (PostgreSQL's versions). */
export function applyChanges(
  mirror: Mirror,
  changes: readonly Change[],
  results?: ChangeResult[],
): ChangeResult[] {
  return changes.map((c, i) => {
    const r = results?.[i];
    if (c.op === 'put') {
      const rec = (r as EntityRecord | undefined) ?? c.rec;
      mirror.set(rec);
      return rec;
    }
    mirror.remove(c.kind, c.account, c.id);
    return r ?? c.prev !== undefined;
  });
}

/** The mirror as it would be after the ops planned so far. */
class Overlay {
  private readonly recs = new Map<string, EntityRecord | undefined>();
  private readonly names = new Map<string, string | undefined>();
  constructor(private readonly mirror: Mirror) {}

  get(key: string): EntityRecord | undefined {
    return this.recs.has(key) ? this.recs.get(key) : this.mirror.getByKey(key);
  }

  nameOwner(nk: string): string | undefined {
    return this.names.has(nk) ? this.names.get(nk) : this.mirror.nameOwner(nk);
  }

  set(key: string, rec: EntityRecord | undefined, prev: EntityRecord | undefined): void {
    if (prev?.name !== undefined) {
      const nk = nameKey(prev.kind, prev.account, prev.name);
      if (this.nameOwner(nk) === key) this.names.set(nk, undefined);
    }
    this.recs.set(key, rec);
    if (rec?.name !== undefined) this.names.set(nameKey(rec.kind, rec.account, rec.name), key);
  }
}
