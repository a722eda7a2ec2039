// The events worker thread's scheduling: background work that should take only what the request-serving
// thread leaves, and never fall far behind.
//
// Linux only (a thread has its own id, nice value and policy); elsewhere nothing is done. The thread runs at
// nice 10 and, where util-linux's chrt is installed, under SCHED_IDLE: it then runs only on a core with
// nothing else to run, and never preempts the request-serving thread or a client on the same machine. At
// nice 10 alone it still took its ~10% share of a busy core in bursts: paired A/B on the AssumeRole load
// (12 alternating rounds, medians), SCHED_IDLE served ~7-8% more requests a second; nice 19 made no
// difference. A thread that only runs when a core is idle can be starved by a machine that never is: when
// the work it is given has waited longer than BEHIND_MS it goes back to the normal policy (nice 10), and to
// SCHED_IDLE again once it has kept up for a while.
import { execFile } from 'node:child_process';
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';

const NICE = 10;
/** Work that waited this long to be started: the thread is falling behind. */
const BEHIND_MS = 1000;
/** Work started this soon after it was sent, this many times in a row: it keeps up. */
const KEPT_UP_MS = 100;
const KEPT_UP_TIMES = 20;

function currentThreadId(): number | undefined {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    return Number.isSafeInteger(tid) && tid > 0 ? tid : undefined;
  } catch {
    return undefined; // not Linux
  }
}

export class BackgroundPriority {
  private readonly tid = currentThreadId();
  /** Whether the thread was last asked to run under SCHED_IDLE. */
  private idle = false;
  private keptUp = 0;
  private changing = false;
  /** A change asked for while another was being made: made after it. */
  private wanted: boolean | undefined;

  /** Lowers this thread's priority (nice 10, then SCHED_IDLE). */
  start(): void {
    if (this.tid === undefined) return;
    try {
      setPriority(this.tid, NICE);
    } catch {
      // not allowed: the thread keeps the process's priority
    }
    this.setIdle(true);
  }

  /** Work is starting that was sent `waitedMs` ago. */
  started(waitedMs: number): void {
    if (waitedMs >= BEHIND_MS) {
      this.keptUp = 0;
      if (this.idle) this.setIdle(false);
    } else if (!this.idle && waitedMs < KEPT_UP_MS && ++this.keptUp >= KEPT_UP_TIMES) this.setIdle(true);
  }

  private setIdle(idle: boolean): void {
    if (this.tid === undefined) return;
    const was = this.idle;
    this.idle = idle;
    this.keptUp = 0;
    if (this.changing) {
      this.wanted = idle;
      return;
    }
    this.changing = true;
    // chrt keeps the nice value; without chrt (or permission) the thread stays as it was.
    execFile('chrt', [idle ? '--idle' : '--other', '--pid', '0', String(this.tid)], (err) => {
      this.changing = false;
      const next = this.wanted;
      this.wanted = undefined;
      if (err) this.idle = was;
      else if (next !== undefined && next !== idle) {
        this.idle = idle;
        this.setIdle(next);
      }
    }).unref();
  }
}
