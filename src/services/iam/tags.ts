// Tags on IAM entities: at most 50, keys unique case-insensitively, aws: prefix reserved; TagX merges
// (a new value replaces the old for the same key), UntagX removes.
import { AwsError } from '../../wire/errors.js';
import type { Tag } from './model.js';
import { iamQuotas } from './quotas.js';
import { limitExceeded } from './errors.js';

export function validateTags(tags: readonly Tag[] | undefined): void {
  if (!tags) return;
  const seen = new Set<string>();
  for (const t of tags) {
    const k = t.Key.toLowerCase();
    if (k.startsWith('aws:'))
      throw new AwsError('InvalidInput', 'User-generated tag keys can\'t start with "aws:".');
    if (seen.has(k))
      throw new AwsError(
        'InvalidInput',
        'Duplicate tag keys found. Please note that Tag keys are case insensitive.',
      );
    seen.add(k);
  }
}

export function mergeTags(existing: readonly Tag[], added: readonly Tag[]): Tag[] {
  validateTags(added);
  const out = existing.filter((t) => !added.some((a) => a.Key.toLowerCase() === t.Key.toLowerCase()));
  out.push(...added.map((t) => ({ Key: t.Key, Value: t.Value })));
  if (out.length > iamQuotas().tagsPerEntity) {
    throw limitExceeded(`The number of tags has reached the maximum limit.`);
  }
  return out;
}

export function removeTags(existing: readonly Tag[], keys: readonly string[]): Tag[] {
  const drop = new Set(keys.map((k) => k.toLowerCase()));
  return existing.filter((t) => !drop.has(t.Key.toLowerCase()));
}

/** aws:RequestTag/<k> and aws:TagKeys for authorizing a call that sets tags. */
export function requestTagContext(tags: readonly Tag[] | undefined): Record<string, string | string[]> {
  if (!tags || tags.length === 0) return {};
  const ctx: Record<string, string | string[]> = { 'aws:TagKeys': tags.map((t) => t.Key) };
  for (const t of tags) ctx[`aws:RequestTag/${t.Key}`] = t.Value;
  return ctx;
}
