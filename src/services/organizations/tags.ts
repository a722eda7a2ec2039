// Tags on roots, OUs, accounts and customer policies: at most 50 per resource, keys unique (exact
// match, as Organizations compares them), aws: reserved. TagResource replaces the value of a key it names.
import type { Tag } from '../iam/model.js';
import { constraintViolation, invalidInput } from './errors.js';
import { QUOTAS } from './state.js';

export function checkTags(tags: readonly Tag[] | undefined): void {
  if (!tags) return;
  const seen = new Set<string>();
  for (const t of tags) {
    if (t.Key.toLowerCase().startsWith('aws:')) {
      throw invalidInput(
        'INVALID_SYSTEM_TAGS_PARAMETER',
        'You specified a tag key that is reserved for AWS use.',
      );
    }
    if (seen.has(t.Key)) throw invalidInput('DUPLICATE_TAG_KEY', 'You specified a duplicate tag key.');
    seen.add(t.Key);
  }
  if (tags.length > QUOTAS.tags) throw constraintViolation('MAX_TAG_LIMIT_EXCEEDED');
}

export function mergeTags(existing: readonly Tag[], added: readonly Tag[]): Tag[] {
  checkTags(added);
  const out = existing.filter((t) => !added.some((a) => a.Key === t.Key));
  out.push(...added.map((t) => ({ Key: t.Key, Value: t.Value })));
  if (out.length > QUOTAS.tags) throw constraintViolation('MAX_TAG_LIMIT_EXCEEDED');
  return out;
}

export function removeTags(existing: readonly Tag[], keys: readonly string[]): Tag[] {
  const drop = new Set(keys);
  return existing.filter((t) => !drop.has(t.Key));
}

export const copyTags = (tags: readonly Tag[] | undefined): Tag[] =>
  (tags ?? []).map((t) => ({ Key: t.Key, Value: t.Value }));
