// The key ring that seals session tokens: AES-256 keys kept in the store (each sealed by the master
// key), the newest one used for new tokens, older ones kept to open tokens issued before a rotation.
// Any node sharing the store opens any token with no lookup beyond this ring.
import { randomBytes } from 'node:crypto';
import type { ServerEnv } from '../env.js';

export interface RingKey {
  kid: string;
  key: Buffer;
  createdAt: number;
}

interface StoredKey {
  kid: string;
  keySealed: string;
  createdAt: number;
}

const SETTING = 'sts.keyring';
/** A new key every 7 days; old keys stay 24 h longer than the longest session (12 h) could live. */
export const ROTATE_AFTER_MS = 7 * 24 * 3600 * 1000;
const KEEP_MS = ROTATE_AFTER_MS + 36 * 3600 * 1000;

export class KeyRing {
  private keys: RingKey[] = [];
  private byKid = new Map<string, RingKey>();
  /** The stored ring the keys were opened from: the mirror hands out a new array when any node writes it. */
  private loadedFrom: StoredKey[] | undefined;

  constructor(private readonly env: ServerEnv) {}

  /** Loads the ring, creating or rotating the current key when due. */
  async load(): Promise<void> {
    const stored = this.env.store.getSetting<StoredKey[]>(SETTING) ?? [];
    const now = Date.now();
    let ring = stored.filter((k) => now - k.createdAt < KEEP_MS);
    if (ring.length === 0 || now - ring[ring.length - 1]!.createdAt > ROTATE_AFTER_MS) {
      ring = [
        ...ring,
        {
          kid: randomBytes(4).toString('hex'),
          keySealed: this.env.secrets.seal(randomBytes(32).toString('base64')),
          createdAt: now,
        },
      ];
    }
    if (ring.length !== stored.length || ring.some((k, i) => k.kid !== stored[i]?.kid)) {
      await this.env.store.putSetting(SETTING, ring);
    }
    this.openRing(this.env.store.getSetting<StoredKey[]>(SETTING) ?? ring);
  }

  private openRing(ring: StoredKey[]): void {
    this.keys = ring.map((k) => ({
      kid: k.kid,
      key: Buffer.from(this.env.secrets.open(k.keySealed), 'base64'),
      createdAt: k.createdAt,
    }));
    this.byKid = new Map(this.keys.map((k) => [k.kid, k]));
    this.loadedFrom = ring;
  }

  /**
   * Picks up a rotation made elsewhere (another node sharing PostgreSQL, or the admin endpoint): one
   * reference comparison per call, a re-open only when the stored ring really changed.
   */
  private sync(): void {
    const stored = this.env.store.getSetting<StoredKey[]>(SETTING);
    if (stored && stored !== this.loadedFrom) this.openRing(stored);
  }

  /** The key ids, oldest first (the current key last). */
  kids(): string[] {
    this.sync();
    return this.keys.map((k) => k.kid);
  }

  /**
   * Forces a new current key (`rolechain keys rotate`, POST /_rolechain/keys/rotate). Tokens sealed
   * under the older keys stay valid until they expire: the old keys are kept (and dropped by load()
   * once no token sealed under them can still be alive).
   */
  async rotate(): Promise<string> {
    const stored = this.env.store.getSetting<StoredKey[]>(SETTING) ?? [];
    const known = new Set(stored.map((k) => k.kid));
    let kid: string;
    do kid = randomBytes(4).toString('hex');
    while (known.has(kid));
    await this.env.store.putSetting(SETTING, [
      ...stored,
      { kid, keySealed: this.env.secrets.seal(randomBytes(32).toString('base64')), createdAt: Date.now() },
    ]);
    await this.load();
    return kid;
  }

  current(): RingKey {
    this.sync();
    const k = this.keys[this.keys.length - 1];
    if (!k) throw new Error('key ring not loaded');
    return k;
  }

  get(kid: string): RingKey | undefined {
    const k = this.byKid.get(kid);
    if (k) return k;
    // Another node may have rotated: re-read the ring from the store's mirror when a kid is unknown.
    this.sync();
    return this.byKid.get(kid);
  }
}
