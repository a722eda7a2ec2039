// Object data on disk: <root>/blobs/<id>. A body is streamed into <root>/tmp/<id> through the digests,
// fsynced, then renamed into blobs/ (and the directory fsynced) before the metadata that names it is
// written, so an acknowledged object survives kill -9 and a half-written one is never visible.
// Memory never holds more than one chunk of a body.
import { randomUUID } from 'node:crypto';
import { createReadStream, mkdirSync, rmSync } from 'node:fs';
import { open, rename, unlink, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { BodyDigests, type ChecksumAlgorithm } from '../../wire/s3/checksums.js';

export interface WrittenBlob {
  id: string;
  digests: BodyDigests;
}

export class BlobStore {
  private readonly blobs: string;
  private readonly tmp: string;

  constructor(readonly root: string) {
    this.blobs = join(root, 'blobs');
    this.tmp = join(root, 'tmp');
    mkdirSync(this.blobs, { recursive: true, mode: 0o700 });
    // Leftovers of uploads interrupted by a crash are never referenced: drop them.
    rmSync(this.tmp, { recursive: true, force: true });
    mkdirSync(this.tmp, { recursive: true, mode: 0o700 });
  }

  path(id: string): string {
    return join(this.blobs, id);
  }

  /**
   * Streams `source` to a new blob. `check` runs after the last byte and before the blob becomes durable
   * (Content-MD5, checksums, sizes); if it or the stream throws, the temp file is removed.
   */
  async write(
    source: Readable | AsyncIterable<Buffer>,
    opts: { sha256?: boolean; algorithm?: ChecksumAlgorithm; maxBytes?: number },
    check?: (d: BodyDigests) => void,
  ): Promise<WrittenBlob> {
    const id = randomUUID();
    const tmpPath = join(this.tmp, id);
    const digests = new BodyDigests(opts.sha256 === true, opts.algorithm);
    let fh: FileHandle | undefined = await open(tmpPath, 'wx', 0o600);
    try {
      for await (const chunk of source as AsyncIterable<Buffer>) {
        digests.update(chunk);
        if (opts.maxBytes !== undefined && digests.size > opts.maxBytes) throw new BlobTooLarge();
        let off = 0;
        while (off < chunk.length) off += (await fh.write(chunk, off)).bytesWritten;
      }
      check?.(digests);
      await fh.sync();
      await fh.close();
      fh = undefined;
      await rename(tmpPath, this.path(id));
      await this.syncDir();
      return { id, digests };
    } catch (e) {
      await fh?.close().catch(() => undefined);
      await unlink(tmpPath).catch(() => undefined);
      throw e;
    }
  }

  /** Concatenates existing blobs (ranges of them) into a new one (CompleteMultipartUpload, copies). */
  async compose(
    pieces: readonly { id: string; start?: number; end?: number }[],
    opts: { algorithm?: ChecksumAlgorithm } = {},
  ): Promise<WrittenBlob> {
    const read = (id: string, start?: number, end?: number) => this.read(id, start, end);
    async function* all(): AsyncIterable<Buffer> {
      for (const p of pieces) yield* read(p.id, p.start, p.end) as AsyncIterable<Buffer>;
    }
    return this.write(all(), { algorithm: opts.algorithm });
  }

  /** A stream of a blob's bytes [start, end] (inclusive, as HTTP ranges are). */
  read(id: string, start?: number, end?: number): Readable {
    return createReadStream(this.path(id), { start, end, highWaterMark: 256 * 1024 });
  }

  /**
   * Opens a blob before any header is sent, so that a concurrent overwrite (which unlinks the old file
   * only after the new metadata is stored) cannot fail a response half-way. undefined if it is gone.
   */
  async openRead(id: string, start?: number, end?: number): Promise<Readable | undefined> {
    let fh: FileHandle;
    try {
      fh = await open(this.path(id), 'r');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw e;
    }
    return fh.createReadStream({ start, end, highWaterMark: 256 * 1024, autoClose: true });
  }

  async remove(id: string): Promise<void> {
    await unlink(this.path(id)).catch(() => undefined);
  }

  private async syncDir(): Promise<void> {
    const d = await open(this.blobs, 'r');
    try {
      await d.sync();
    } finally {
      await d.close();
    }
  }
}

export class BlobTooLarge extends Error {}
