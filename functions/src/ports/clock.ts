/** Time as a port, so use cases are testable and the sandbox clock can stand in. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
