// The server's clock. Tests move it forward (the admin clock-offset call or --clock-offset) to make
// credentials expire without waiting; everything time-dependent reads it from here.
export class Clock {
  constructor(public offsetMs = 0) {}
  nowMs(): number {
    return Date.now() + this.offsetMs;
  }
  now(): Date {
    return new Date(this.nowMs());
  }
}
