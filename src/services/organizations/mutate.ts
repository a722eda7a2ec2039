// Every change to the organization's tree, policies or attachments goes through commit(): the change is
// computed from the store's current state, written in one batch together with a bump of the
// organization's generation record, conditional on the generation read. A concurrent change (another
// request, another node) makes the batch fail; the change is then recomputed from the new state, so
// read-modify-write changes (attach, move, tag) never lose an update. The generation record is also
// what the enforcement cache (enforcement.ts) checks on each request.
import { VersionConflictError, type BatchOp, type Store } from '../../store/index.js';
import type { OrganizationRecord } from './model.js';
import { concurrentModification } from './errors.js';
import { STATE_KIND } from './state.js';

const MAX_ATTEMPTS = 8;

/**
 * Runs `build` (synchronous: it reads the mirror and throws AwsErrors for invalid requests) and
 * commits the operations it returns. Resolves to build's last result.
 */
export async function commit<T>(
  store: Store,
  org: OrganizationRecord,
  build: () => { ops: BatchOp[]; result: T },
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    const gen = store.get<{ n: number }>(STATE_KIND.generation, org.masterAccountId, org.id);
    const { ops, result } = build();
    const next: BatchOp = {
      op: 'put',
      rec: {
        kind: STATE_KIND.generation,
        account: org.masterAccountId,
        id: org.id,
        data: { n: (gen?.data.n ?? 0) + 1 },
      },
      opts: { expectVersion: gen?.version ?? 0 },
    };
    try {
      await store.batch([...ops, next]);
      return result;
    } catch (e) {
      if (e instanceof VersionConflictError && attempt + 1 < MAX_ATTEMPTS) continue;
      if (e instanceof VersionConflictError) throw concurrentModification();
      throw e;
    }
  }
}

/** A put of one of the organization's state records. */
export function putOp<T>(org: OrganizationRecord, kind: string, id: string, data: T): BatchOp {
  return { op: 'put', rec: { kind, account: org.masterAccountId, id, data } };
}

export function deleteOp(org: OrganizationRecord, kind: string, id: string): BatchOp {
  return { op: 'delete', kind, account: org.masterAccountId, id };
}
