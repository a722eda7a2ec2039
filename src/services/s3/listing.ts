// The listing walk shared by ListObjects and ListObjectsV2: keys after a marker, under a prefix, rolled
// up into CommonPrefixes at the delimiter, at most max-keys entries (a common prefix counts as one).
import { S3_KIND, type ObjectRecord } from './model.js';
import type { Store } from '../../store/index.js';

export interface ListingPage {
  contents: ObjectRecord[];
  commonPrefixes: string[];
  truncated: boolean;
  /** The last key or common prefix returned (the next marker). */
  last?: string;
}

export function listObjects(
  store: Store,
  bucket: string,
  opts: { prefix: string; delimiter: string; after: string; maxKeys: number },
): ListingPage {
  const { prefix, delimiter, after, maxKeys } = opts;
  const page: ListingPage = { contents: [], commonPrefixes: [], truncated: false };
  if (maxKeys === 0) return page;
  let lastPrefix: string | undefined;
  for (const rec of store.list<ObjectRecord>(S3_KIND.object, bucket)) {
    const key = rec.id;
    if (after && key <= after) continue;
    if (!key.startsWith(prefix)) continue;
    let entry: string | undefined;
    if (delimiter) {
      const i = key.indexOf(delimiter, prefix.length);
      if (i >= 0) entry = key.slice(0, i + delimiter.length);
    }
    if (entry !== undefined) {
      if (entry === lastPrefix) continue;
      if (after && entry <= after) continue; // the marker was this prefix: skip the rest of it
    }
    if (page.contents.length + page.commonPrefixes.length >= maxKeys) {
      page.truncated = true;
      break;
    }
    if (entry !== undefined) {
      page.commonPrefixes.push(entry);
      lastPrefix = entry;
      page.last = entry;
    } else {
      page.contents.push(rec.data);
      page.last = key;
    }
  }
  return page;
}
