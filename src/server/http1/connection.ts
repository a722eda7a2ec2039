// One client connection on the fast path: reads request heads and bodies itself (parse.ts), asks the
// fast path's `respond` for each reply, and writes the replies in request order (pipelining).
//
// The first request it may not serve (parseHead says NOT_MINE, or the route is not a plain API call)
// ends its part: once every reply it has started is written, the unread bytes go back to the socket
// (unshift) and node:http gets the connection, for good. Until then the socket is paused, so nothing
// else is read and node sees the bytes exactly as they came.
import type { Socket } from 'node:net';
import { INCOMPLETE, parseHead, type RequestHead } from './parse.js';
import { replyBytes, type Reply } from './reply.js';

export interface ConnectionOwner {
  /** The largest Content-Length served here; larger bodies go to node:http. */
  readonly maxBody: number;
  /** Keep-Alive's advertised timeout, in seconds. */
  readonly keepAliveSeconds: number;
  /** Whether the server is shutting down: connections are closed as soon as they are idle. */
  readonly draining: boolean;
  /** Whether the request is one the fast path serves (false: hand the connection to node:http). */
  accepts(head: RequestHead): boolean;
  respond(head: RequestHead, body: Buffer, remoteAddress: string | undefined): Reply | Promise<Reply>;
  handOff(socket: Socket): void;
  /** This connection has replies ready: call flush() at the end of this loop turn. */
  flushSoon(conn: FastConnection): void;
  forget(conn: FastConnection): void;
  error(message: string, err: unknown): void;
}

/** Replies a client may have waiting (unwritten or unread) before we stop reading its requests. */
const MAX_QUEUED_REPLIES = 16;
/**
 * Reads after which a head still incomplete goes to node:http. parseHead judges the whole head again at
 * every read, so a head trickled a byte at a time would cost O(n²) here; node's parser is incremental.
 * Clients send a head in one or two writes.
 */
const MAX_HEAD_READS = 8;
const EMPTY = Buffer.alloc(0);

interface Slot {
  /** The reply once it is ready (replyBytes); written when every earlier slot's is. */
  bytes: string | Buffer | undefined;
  close: boolean;
}

export class FastConnection {
  /** Bytes read but not yet consumed by a request (a partial head or body). */
  private pending: Buffer = EMPTY;
  /** Chunks after `pending` not yet joined to it: a long body is joined once, when it is all here. */
  private later: Buffer[] = [];
  private laterBytes = 0;
  /** The current request's head, while its body is still arriving. */
  private head: RequestHead | undefined;
  /** When the current request's first bytes were seen (0: between requests), for the timeouts. */
  requestStartedAt = 0;
  /** How many times the current head was found incomplete. */
  private headReads = 0;
  private readonly replies: Slot[] = [];
  /** No more requests are read: a handoff, a `Connection: close`, the client's FIN, or an error. */
  private stopped = false;
  /** The client sent FIN: the complete requests still buffered are answered, nothing more comes. */
  private ended = false;
  private handingOff = false;
  private closeAfterReplies = false;
  private pausedForReplies = false;
  /** Read once: a socket forgets its address when it closes. */
  private readonly remoteAddress: string | undefined;

  constructor(
    readonly socket: Socket,
    private readonly owner: ConnectionOwner,
  ) {
    this.remoteAddress = socket.remoteAddress;
    socket.on('data', this.onData);
    socket.on('end', this.onEnd);
    socket.on('error', this.onError);
    socket.on('close', this.onClose);
    socket.on('timeout', this.onTimeout);
    socket.on('drain', this.onDrain);
  }

  /** No request under way and no reply owed: safe to close without losing anything. */
  get idle(): boolean {
    return this.replies.length === 0 && this.pending.length === 0 && this.head === undefined;
  }

  /** Whether the current request's head is complete (its body may still be arriving). */
  get headComplete(): boolean {
    return this.head !== undefined;
  }

  private readonly onData = (chunk: Buffer): void => {
    if (this.pending.length === 0) this.pending = chunk;
    else {
      this.later.push(chunk);
      this.laterBytes += chunk.length;
      const head = this.head;
      if (head && this.pending.length + this.laterBytes < head.headBytes + head.contentLength) return;
      this.pending = Buffer.concat([this.pending, ...this.later]);
      this.later = [];
      this.laterBytes = 0;
    }
    this.readRequests();
  };

  private readRequests(): void {
    try {
      this.readCompleteRequests();
    } catch (err) {
      // A bug here must cost this connection only, never the process (this runs in a socket event).
      return this.fail('fast path failed', err);
    }
    if (this.ended && !this.stopped && !this.pausedForReplies) {
      // After FIN, what is left is a request that can never complete: answer the rest, then close.
      this.stopped = true;
      this.dropUnread();
      if (this.replies.length === 0) this.socket.destroySoon();
    }
  }

  private readCompleteRequests(): void {
    while (!this.stopped && !this.pausedForReplies) {
      let head = this.head;
      if (head === undefined) {
        if (this.pending.length === 0) {
          this.requestStartedAt = 0;
          return;
        }
        const parsed = parseHead(this.pending, 0, this.owner.maxBody);
        if (parsed === INCOMPLETE && ++this.headReads < MAX_HEAD_READS) return this.noteStart();
        if (typeof parsed !== 'object' || !this.owner.accepts(parsed)) return this.beginHandOff();
        this.head = head = parsed;
        this.headReads = 0;
      }
      const end = head.headBytes + head.contentLength;
      if (this.pending.length < end) return this.noteStart();
      const body = this.pending.subarray(head.headBytes, end);
      this.pending = end === this.pending.length ? EMPTY : this.pending.subarray(end);
      this.head = undefined;
      this.requestStartedAt = 0;
      this.dispatch(head, body);
      if (head.close) {
        // Nothing after a `Connection: close` request is read (node would not answer it either).
        this.stopped = true;
        this.closeAfterReplies = true;
        this.dropUnread();
        this.socket.pause();
        return;
      }
      if (this.replies.length >= MAX_QUEUED_REPLIES) this.pauseForReplies();
    }
  }

  private dropUnread(): void {
    this.pending = EMPTY;
    this.later = [];
    this.laterBytes = 0;
    this.head = undefined;
    this.requestStartedAt = 0;
    this.headReads = 0;
  }

  private noteStart(): void {
    if (this.requestStartedAt === 0) this.requestStartedAt = Date.now();
  }

  private dispatch(head: RequestHead, body: Buffer): void {
    const slot: Slot = { bytes: undefined, close: head.close };
    this.replies.push(slot);
    let reply: Reply | Promise<Reply>;
    try {
      reply = this.owner.respond(head, body, this.remoteAddress);
    } catch (err) {
      return this.fail('request failed', err);
    }
    if (reply instanceof Promise) {
      reply.then(
        (r) => this.ready(slot, r),
        (err: unknown) => this.fail('request failed', err),
      );
    } else this.ready(slot, reply);
  }

  private ready(slot: Slot, reply: Reply): void {
    if (this.socket.destroyed) return;
    const close = slot.close || this.owner.draining;
    try {
      slot.bytes = replyBytes(reply, close ? undefined : this.owner.keepAliveSeconds);
    } catch (err) {
      // Where node's writeHead would throw: the reply-batch answer to that is to destroy the socket.
      return this.fail('reply not writable', err);
    }
    if (close) this.closeAfterReplies = true;
    this.owner.flushSoon(this);
  }

  /** Writes every reply that is ready and has no unready one before it, in one write. */
  flush(): void {
    const socket = this.socket;
    if (socket.destroyed) return;
    let n = 0;
    while (n < this.replies.length && this.replies[n]!.bytes !== undefined) n++;
    if (n === 0) return;
    const ready = this.replies.splice(0, n);
    socket.write(ready.length === 1 ? ready[0]!.bytes! : joined(ready));
    // A client that does not read its replies: stop reading its requests until it does ('drain').
    if (socket.writableNeedDrain && !this.stopped) this.pauseForReplies();
    if (this.replies.length > 0) return;
    if (this.closeAfterReplies || (this.stopped && !this.handingOff)) {
      // Closing after what was written: end() flushes it first, then the socket is destroyed.
      socket.destroySoon();
      return;
    }
    if (this.handingOff) return this.handOff();
    if (this.pausedForReplies && !this.stopped && !socket.writableNeedDrain) this.resumeReading();
  }

  private pauseForReplies(): void {
    this.pausedForReplies = true;
    this.socket.pause();
  }

  private resumeReading(): void {
    this.pausedForReplies = false;
    this.socket.resume();
    this.readRequests();
  }

  private readonly onDrain = (): void => {
    if (this.pausedForReplies && !this.stopped && this.replies.length < MAX_QUEUED_REPLIES) {
      this.resumeReading();
    }
  };

  /**
   * Stops reading and gives the unread bytes back to the socket; the handoff itself waits until every
   * reply started here is written (pipelined replies keep their order).
   */
  private beginHandOff(): void {
    this.stopped = true;
    if (this.ended) {
      // The socket's readable side has ended: its bytes cannot be given back for node to read. Only a
      // client that pipelined past MAX_QUEUED_REPLIES and half-closed gets here; it gets the replies
      // already owed, then the close.
      this.dropUnread();
      if (this.replies.length === 0) this.socket.destroySoon();
      return;
    }
    this.handingOff = true;
    this.socket.pause();
    // Paused first: unshifting into a flowing stream would hand the bytes straight back to onData.
    const unread = this.later.length > 0 ? Buffer.concat([this.pending, ...this.later]) : this.pending;
    this.dropUnread();
    if (unread.length > 0) this.socket.unshift(unread);
    if (this.replies.length === 0) this.handOff();
  }

  private handOff(): void {
    const socket = this.socket;
    this.detach();
    this.owner.forget(this);
    if (socket.destroyed) return;
    // node:http's connection listener reads from the socket's buffer on; resume() makes it flow again
    // (node leaves a socket it did not pause as it finds it).
    this.owner.handOff(socket);
    socket.removeListener('error', this.onError);
    socket.resume();
  }

  private detach(): void {
    const s = this.socket;
    s.removeListener('data', this.onData);
    s.removeListener('end', this.onEnd);
    s.removeListener('close', this.onClose);
    s.removeListener('timeout', this.onTimeout);
    s.removeListener('drain', this.onDrain);
    s.setTimeout(0);
  }

  /** The client sent FIN: nothing more will come. Answer what is complete, then close. */
  private readonly onEnd = (): void => {
    this.ended = true;
    this.readRequests();
  };

  private readonly onError = (): void => {
    // ECONNRESET and the like: 'close' follows and cleans up; nothing to answer any more.
  };

  private readonly onClose = (): void => {
    this.stopped = true;
    this.replies.length = 0;
    this.dropUnread();
    this.owner.forget(this);
  };

  /** Idle for keepAliveTimeout (+1 s, as node): close. A request still being served keeps it open. */
  private readonly onTimeout = (): void => {
    if (this.idle) this.socket.destroy();
  };

  /** Shutdown: an idle connection is closed now; a busy one after its replies (see flush). */
  closeIfIdle(): void {
    if (this.idle && !this.handingOff) this.socket.destroySoon();
  }

  /**
   * headersTimeout / requestTimeout expired: node's answer (408, then destroy), written only if no reply
   * is owed on the connection (node writes it only when no response has started).
   */
  timedOut(): void {
    if (this.replies.length === 0 && this.socket.writable) this.socket.write(REQUEST_TIMEOUT);
    this.socket.destroy();
  }

  private fail(message: string, err: unknown): void {
    this.owner.error(message, err);
    this.stopped = true;
    this.socket.destroy();
  }
}

/** Several replies as one write: one string if they all are (UTF-8, as each alone), else one Buffer. */
function joined(slots: Slot[]): string | Buffer {
  if (slots.every((s) => typeof s.bytes === 'string')) return slots.map((s) => s.bytes).join('');
  return Buffer.concat(slots.map((s) => (typeof s.bytes === 'string' ? Buffer.from(s.bytes) : s.bytes!)));
}

const REQUEST_TIMEOUT = Buffer.from('HTTP/1.1 408 Request Timeout\r\nConnection: close\r\n\r\n', 'latin1');
