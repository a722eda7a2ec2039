// Per-key mutual exclusion for backends whose writes are asynchronous (PostgreSQL): a write holds the locks of
// every key it validates (entity ids and names), so validating against the mirror, writing, and updating the
// mirror happen as one step per key, while writes to unrelated keys proceed concurrently.
//
// A caller enqueues on all its keys at once, synchronously, so waits always point at earlier callers: no
// deadlock, whatever the key order.
export class KeyedLocks {
  private readonly tails = new Map<string, Promise<void>>();

  /** Resolves, once every earlier holder of any of the keys is done, to the function that releases them. */
  async acquire(keys: Iterable<string>): Promise<() => void> {
    let release!: () => void;
    const mine = new Promise<void>((resolve) => (release = resolve));
    const unique = new Set(keys);
    const waits: Promise<void>[] = [];
    for (const k of unique) {
      const prev = this.tails.get(k);
      if (prev !== undefined) waits.push(prev);
      this.tails.set(k, mine);
    }
    if (waits.length > 0) await Promise.all(waits);
    return () => {
      for (const k of unique) if (this.tails.get(k) === mine) this.tails.delete(k);
      release();
    };
  }

  isFree(key: string): boolean {
    return !this.tails.has(key);
  }

  /** How many keys are held or awaited (for tests: 0 when idle). */
  get size(): number {
    return this.tails.size;
  }
}
