// Derived signing keys, cached. Deriving one is four chained HMACs (~20 µs); a verification with a cached
// key is one HMAC. The key depends on secret+date+region+service, so a cache hit rate near 100% is normal.
import { createHmac } from 'node:crypto';
import { HmacSha256 } from './hmac.js';

export function deriveSigningKey(
  secretAccessKey: string,
  date: string,
  region: string,
  service: string,
): Buffer {
  const kDate = createHmac('sha256', 'AWS4' + secretAccessKey)
    .update(date)
    .digest();
  const kRegion = createHmac('sha256', kDate).update(region).digest();
  const kService = createHmac('sha256', kRegion).update(service).digest();
  return createHmac('sha256', kService).update('aws4_request').digest();
}

export class SigningKeyCache {
  private readonly map = new Map<string, HmacSha256>();
  /**
   * The scope each secret last signed for. A secret's requests nearly all share one scope, and the secret
   * string is the same object each time (its hash is kept in it), so this lookup hashes nothing; the full
   * key below is a new string per request.
   */
  private readonly recent = new Map<
    string,
    { date: string; region: string; service: string; key: HmacSha256 }
  >();
  hits = 0;
  misses = 0;

  constructor(private readonly maxEntries = 10_000) {}

  /** The signing key, ready to sign with (its padded key blocks are computed once). */
  get(secretAccessKey: string, date: string, region: string, service: string): HmacSha256 {
    const last = this.recent.get(secretAccessKey);
    if (last !== undefined && last.date === date && last.region === region && last.service === service) {
      this.hits++;
      return last.key;
    }
    // The secret is part of the key (a rotated secret must not hit an old entry). The maps live in memory
    // only, as the secrets themselves do; they are never logged or serialised.
    const k = secretAccessKey + '\0' + date + '\0' + region + '\0' + service;
    let key = this.map.get(k);
    if (key !== undefined) this.hits++;
    else {
      this.misses++;
      key = new HmacSha256(deriveSigningKey(secretAccessKey, date, region, service));
      if (this.map.size >= this.maxEntries) {
        // Evict the oldest entry (Map iterates in insertion order). Keys change daily, so FIFO is enough.
        const first = this.map.keys().next();
        if (!first.done) this.map.delete(first.value);
      }
      this.map.set(k, key);
    }
    if (this.recent.size >= this.maxEntries && !this.recent.has(secretAccessKey)) this.recent.clear();
    this.recent.set(secretAccessKey, { date, region, service, key });
    return key;
  }

  clear(): void {
    this.map.clear();
    this.recent.clear();
  }

  get size(): number {
    return this.map.size;
  }
}

export const defaultKeyCache = new SigningKeyCache();
