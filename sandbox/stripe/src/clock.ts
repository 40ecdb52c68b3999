// Sandbox time is wall time plus an offset that only ever grows, so tests can jump
// past holds and billing periods while timestamps stay plausible.
export class SandboxClock {
  constructor(public offsetSeconds = 0) {}

  now(): number {
    return Math.floor(Date.now() / 1000) + this.offsetSeconds;
  }

  advance(seconds: number): void {
    this.offsetSeconds += Math.max(0, Math.floor(seconds));
  }

  moveTo(unix: number): void {
    this.advance(unix - this.now());
  }
}
