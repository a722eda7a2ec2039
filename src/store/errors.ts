// Errors the store raises for the caller to map onto AWS errors (EntityAlreadyExists, ConcurrentModification, …).

/** A unique key is taken: (kind, account, id), or (kind, account, lower(name)). */
export class ConflictError extends Error {
  override readonly name = 'ConflictError';
  constructor(
    readonly field: 'id' | 'name',
    readonly kind: string,
    readonly account: string,
    readonly value: string,
  ) {
    super(`${kind} with ${field} "${value}" already exists in account ${account}`);
  }
}

/** Optimistic concurrency: the entity's version is not the one the caller expected. */
export class VersionConflictError extends Error {
  override readonly name = 'VersionConflictError';
  constructor(
    readonly kind: string,
    readonly account: string,
    readonly id: string,
    readonly expected: number,
    readonly actual: number,
  ) {
    super(`${kind} "${id}" in account ${account} is at version ${actual}, expected ${expected}`);
  }
}

/** The database holds a newer schema than this build knows (a downgrade), or another process holds it. */
export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError';
}
