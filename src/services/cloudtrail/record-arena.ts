// Records waiting to be stored, kept as UTF-8 bytes in a few large off-heap buffers instead of as strings.
//
// Why: the SQLite backend's records wait ~50 ms before they go to the events worker, and are kept (for a
// retry) until the worker has committed them, up to a second later: long enough to be promoted to V8's old
// generation, where every record (~2 KB of text) became garbage for the concurrent marker and sweeper to
// find. Bytes in an arena are neither scanned nor moved; a record is a small view into one. Sent to the
// worker, an arena is copied once per message (V8's serializer writes an ArrayBuffer once however many views
// share it), where strings were copied one by one.
//
// Not Node's pooled Buffer.from: its 8 KiB slabs would each be copied whole for the one or two records in it.

/** Arenas start small (a quiet server) and double while a burst fills them, up to this size. */
const MIN_ARENA = 64 * 1024;
const MAX_ARENA = 1024 * 1024;

export class RecordArena {
  private buf: Buffer | undefined;
  private used = 0;
  private size = MIN_ARENA;
  private sinceSeal = 0;

  /** The text's UTF-8 bytes, as a view into the current arena (its own buffer if it is large). */
  bytes(text: string): Buffer {
    // A UTF-16 unit takes at most 3 bytes in UTF-8; the exact length is only known after writing.
    const max = text.length * 3;
    if (max > MAX_ARENA / 4) return Buffer.from(text, 'utf8');
    if (this.buf === undefined || this.used + max > this.buf.length) {
      this.buf = Buffer.allocUnsafeSlow(this.size);
      this.used = 0;
      this.size = Math.min(MAX_ARENA, this.size * 2);
    }
    const start = this.used;
    const n = this.buf.write(text, start, 'utf8');
    this.used += n;
    this.sinceSeal += n;
    return this.buf.subarray(start, start + n);
  }

  /**
   * The records so far have been sent: later ones go to a new arena, sized for about as many bytes, so that
   * the next message does not carry a copy of this one's.
   */
  seal(): void {
    this.buf = undefined;
    this.size = Math.max(MIN_ARENA, Math.min(MAX_ARENA, 2 ** Math.ceil(Math.log2(this.sinceSeal + 1))));
    this.sinceSeal = 0;
  }
}
