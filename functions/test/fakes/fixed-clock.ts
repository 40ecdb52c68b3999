import type { Clock } from "../../src/ports/clock";

/** A clock tests move by hand. */
export class FixedClock implements Clock {
  constructor(public ms: number) {}
  now() {
    return new Date(this.ms);
  }
  advance(ms: number) {
    this.ms += ms;
  }
}
