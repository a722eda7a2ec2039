// Values handed out by the store are deep-frozen: reads return the mirror's own objects (no copy on the hot
// path), so a caller must not be able to change the mirror by mutating what it read.

export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as object)) deepFreeze(v);
  }
  return value;
}

/** The value as the database will give it back: a fresh JSON parse of what was written, frozen. */
export function frozenFromJson<T>(json: string): T {
  return deepFreeze(JSON.parse(json) as T);
}
