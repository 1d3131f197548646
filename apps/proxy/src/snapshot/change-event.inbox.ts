import { changeEventSchema, type ChangeEvent } from '@bastion/contracts';

/** A change event with the order in which it was received. */
export interface ReceivedEvent {
  readonly seq: number;
  readonly event: ChangeEvent;
}

/** Parses one pub/sub message; null when it is not JSON or not a change event. */
export function parseChangeEvent(message: string): ChangeEvent | null {
  let json: unknown;
  try {
    json = JSON.parse(message);
  } catch {
    return null;
  }
  const parsed = changeEventSchema.safeParse(json);
  return parsed.success ? parsed.data : null;
}

/**
 * Events received but not yet applied, in arrival order: those that arrive while a snapshot loads,
 * and those after a gap. Bounded, because a reload makes everything received before it redundant.
 */
export class ChangeEventInbox {
  private items: ReceivedEvent[] = [];

  constructor(private readonly capacity: number) {}

  /** Number of waiting events. */
  get size(): number {
    return this.items.length;
  }

  /** Queues an event; false (and nothing queued) when full, in which case the caller should reload. */
  push(item: ReceivedEvent): boolean {
    if (this.items.length >= this.capacity) return false;
    this.items.push(item);
    return true;
  }

  /** Takes the oldest waiting event. */
  shift(): ReceivedEvent | undefined {
    return this.items.shift();
  }

  /** Forgets the events received up to `seq`: a snapshot read after them already reflects them. */
  dropThrough(seq: number): void {
    this.items = this.items.filter((item) => item.seq > seq);
  }

  /** Forgets everything. */
  clear(): void {
    this.items = [];
  }
}
