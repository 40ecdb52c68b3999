/** Payments whose hold has ended and is not yet released, oldest first, for the hourly job. */
export interface HoldCursor {
  availableOn: number;
  id: string;
}

export interface HoldQueue {
  /** Payment ids with holdReleased false and availableOn <= nowMs, after `cursor`. */
  due(nowMs: number, limit: number, cursor: HoldCursor | null): Promise<HoldCursor[]>;
}
