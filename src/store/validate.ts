// Bounds on what the store accepts, so that one bad caller cannot make it hold unbounded data.
import type { EntityInput } from './types.js';

export const MAX_KEY_PART = 1024;
/** Far above IAM's largest document (a 10,240-character managed policy), far below memory trouble. */
export const MAX_DATA_CHARS = 4 * 1024 * 1024;
export const MAX_SETTING_KEY = 256;
export const MAX_BATCH_OPS = 10_000;

export function checkKeyPart(what: string, v: unknown): asserts v is string {
  if (typeof v !== 'string' || v.length === 0 || v.length > MAX_KEY_PART || v.includes('\u0000')) {
    throw new TypeError(`store: ${what} must be a non-empty string of at most ${MAX_KEY_PART} characters`);
  }
}

export function checkEntityInput(rec: EntityInput): void {
  if (rec === null || typeof rec !== 'object') throw new TypeError('store: record must be an object');
  checkKeyPart('kind', rec.kind);
  checkKeyPart('account', rec.account);
  checkKeyPart('id', rec.id);
  if (rec.name !== undefined) checkKeyPart('name', rec.name);
}

/** Serialises a value as JSON, refusing what JSON cannot carry and what is too big. */
export function toJson(what: string, value: unknown): string {
  const json = JSON.stringify(value);
  if (json === undefined) throw new TypeError(`store: ${what} is not JSON-serialisable`);
  if (json.length > MAX_DATA_CHARS)
    throw new RangeError(`store: ${what} exceeds ${MAX_DATA_CHARS} characters of JSON`);
  return json;
}

export function checkVersion(what: string, v: number | undefined): void {
  if (v !== undefined && (!Number.isSafeInteger(v) || v < 0)) {
    throw new TypeError(`store: ${what} must be a non-negative integer`);
  }
}
