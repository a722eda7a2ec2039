// iam:UpdateUser — renames and/or moves a user. The user keeps its unique id, so group membership,
// policies, access keys and MFA devices stay with it; the records that name the user (its access keys,
// its MFA devices) are renamed in the same atomic batch. Authorized on both the old and the new ARN, as
// IAM requires. Also home to the optimistic read-modify-write helper the identity operations share.
import {
  ConflictError,
  VersionConflictError,
  type BatchOp,
  type EntityRecord,
} from '../../../store/index.js';
import type { AwsError } from '../../../wire/errors.js';
import { defineOperation, type OperationContext } from '../../types.js';
import { concurrentModification, entityAlreadyExists, noSuchUser } from '../errors.js';
import { KIND, userArn, type UserRecord } from '../model.js';
import { userMfaDevices } from '../mfa/devices.js';
import { userCheck } from './GetUser.js';
import { userKeyRecords } from './ListAccessKeys.js';

export interface Mutation<T, R> {
  /** The new data (undefined: unchanged, but the version is still bumped when ops are given). */
  data?: T;
  /** The new name (renames). */
  name?: string;
  /** More writes made atomically with this one. */
  ops?: BatchOp[];
  /** false: nothing to write (an idempotent no-op). */
  write?: boolean;
  result: R;
}

const MAX_ATTEMPTS = 64;

/**
 * Read-modify-write of one named entity with optimistic concurrency: `fn` gets a mutable copy, the put
 * expects the version that was read, and a lost race is retried on fresh data — so concurrent updates
 * never lose each other's changes. A name taken by another entity → `onNameTaken`.
 */
export async function mutateRecord<T, R>(
  ctx: OperationContext,
  kind: string,
  name: string,
  notFound: () => AwsError,
  fn: (copy: T, rec: EntityRecord<T>) => Mutation<T, R>,
  onNameTaken?: (name: string) => AwsError,
): Promise<R> {
  const store = ctx.env.store;
  const account = ctx.caller.accountId;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const rec = store.getByName<T>(kind, account, name);
    if (!rec) throw notFound();
    const m = fn(structuredClone(rec.data) as T, rec);
    if (m.write === false) return m.result;
    const put: BatchOp = {
      op: 'put',
      rec: { kind, account, id: rec.id, name: m.name ?? rec.name, data: m.data ?? rec.data },
      opts: { expectVersion: rec.version },
    };
    try {
      await store.batch([put, ...(m.ops ?? [])]);
      return m.result;
    } catch (e) {
      if (e instanceof VersionConflictError) continue;
      if (e instanceof ConflictError && e.field === 'name' && onNameTaken) throw onNameTaken(e.value);
      throw e;
    }
  }
  throw concurrentModification('Concurrent modification of the entity; retry the request.');
}

/** A no-change put that makes a batch fail if `rec` changed since it was read (a lock by version). */
export function unchangedOp(rec: EntityRecord): BatchOp {
  return {
    op: 'put',
    rec: { kind: rec.kind, account: rec.account, id: rec.id, name: rec.name, data: rec.data },
    opts: { expectVersion: rec.version },
  };
}

export const userExists = (name: string) => entityAlreadyExists(`User with name ${name} already exists.`);

export function mutateUser<R>(
  ctx: OperationContext,
  name: string,
  fn: (u: UserRecord, rec: EntityRecord<UserRecord>) => Mutation<UserRecord, R>,
): Promise<R> {
  return mutateRecord<UserRecord, R>(ctx, KIND.user, name, () => noSuchUser(name), fn, userExists);
}

interface Input {
  UserName: string;
  NewPath?: string;
  NewUserName?: string;
}

export default defineOperation<Input>({
  name: 'UpdateUser',
  authz: (input, ctx) => {
    const checks = [userCheck(ctx, 'iam:UpdateUser', input.UserName)];
    if (input.NewUserName !== undefined || input.NewPath !== undefined) {
      const cur = checks[0]!.resource;
      const path = input.NewPath ?? /:user(\/.*\/|\/)[^/]*$/.exec(cur)?.[1] ?? '/';
      const target = userArn(ctx.caller.accountId, path, input.NewUserName ?? input.UserName);
      if (target !== cur) checks.push({ action: 'iam:UpdateUser', resource: target });
    }
    return checks;
  },
  async handler(ctx, input) {
    const account = ctx.caller.accountId;
    await mutateUser(ctx, input.UserName, (u) => {
      const oldName = u.userName;
      const newName = input.NewUserName ?? u.userName;
      const newPath = input.NewPath ?? u.path;
      if (newName === u.userName && newPath === u.path) return { write: false, result: undefined };
      u.userName = newName;
      u.path = newPath;
      u.arn = userArn(account, newPath, newName);
      const ops: BatchOp[] = [];
      // The records that refer to the user by name follow it (keys authenticate by user name).
      for (const k of userKeyRecords(ctx.env.store, account, oldName)) {
        ops.push({
          op: 'put',
          rec: { kind: k.kind, account: k.account, id: k.id, data: { ...k.data, userName: newName } },
        });
      }
      for (const d of userMfaDevices(ctx.env.store, account, u.userId)) {
        ops.push({
          op: 'put',
          rec: {
            kind: KIND.mfaDevice,
            account,
            id: d.serialNumber,
            name: `${d.path}${d.deviceName}`,
            data: { ...d, userName: newName },
          },
        });
      }
      return { data: u, name: newName, ops, result: undefined };
    });
    return {};
  },
});
