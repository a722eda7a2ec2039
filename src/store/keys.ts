// Composite keys for the mirror's maps. NUL cannot appear in the parts (validate.ts rejects it), so the
// concatenation is unambiguous.

export const SEP = '\u0000';

export function entityKey(kind: string, account: string, id: string): string {
  return kind + SEP + account + SEP + id;
}

/** Names are unique case-insensitively, as IAM's are; the lowercase form is also what the database indexes. */
export function lowerName(name: string): string {
  return name.toLowerCase();
}

export function nameKey(kind: string, account: string, name: string): string {
  return kind + SEP + account + SEP + lowerName(name);
}

export function scopeKey(kind: string, account: string): string {
  return kind + SEP + account;
}
