// The simulator's ContextEntries → the engine's request context. Single-valued types take their
// one value, list types keep the list; keys are matched case-insensitively by makeContext.
import { makeContext, type ContextValue, type RequestContext } from '../../../policy/index.js';
import { invalidInput } from '../errors.js';

export interface ContextEntry {
  ContextKeyName?: string;
  ContextKeyValues?: string[];
  ContextKeyType?: string;
}

export function contextFromEntries(entries: readonly ContextEntry[] | undefined): RequestContext {
  const out: Record<string, ContextValue> = {};
  for (const e of entries ?? []) {
    if (!e.ContextKeyName || !e.ContextKeyType) {
      throw invalidInput('Context entries must have a ContextKeyName, ContextKeyType and ContextKeyValues.');
    }
    const values = e.ContextKeyValues ?? [];
    if (e.ContextKeyType.endsWith('List')) out[e.ContextKeyName] = values;
    else {
      if (values.length !== 1) {
        throw invalidInput(
          `Context key ${e.ContextKeyName} of type ${e.ContextKeyType} must have exactly one value.`,
        );
      }
      out[e.ContextKeyName] = values[0]!;
    }
  }
  return makeContext(out);
}
