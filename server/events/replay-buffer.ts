import type { EventEnvelope } from './event-bus.ts';

/**
 * The last `capacity` envelopes, for `Last-Event-ID`. Ids are `<process tag>.<sequence>`: the tag
 * tells an id this process gave out (replay what followed it) from one of an earlier run or of
 * another process behind the load balancer, whose position here is unknown (replay all that is held:
 * a repeated `account.changed` only makes a browser refetch, a missed one leaves it stale).
 */
export class ReplayBuffer {
  private readonly ring: (EventEnvelope | undefined)[];
  private next = 1;

  constructor(
    readonly tag: string,
    private readonly capacity: number,
  ) {
    this.ring = new Array<EventEnvelope | undefined>(capacity);
  }

  /** Gives the event the next id and keeps it. */
  add(event: EventEnvelope['event']): EventEnvelope {
    const seq = this.next++;
    const envelope: EventEnvelope = { id: `${this.tag}.${seq}`, event };
    this.ring[seq % this.capacity] = envelope;
    return envelope;
  }

  since(lastEventId: string): EventEnvelope[] {
    const oldest = Math.max(1, this.next - this.capacity);
    const dot = lastEventId.lastIndexOf('.');
    const seq = Number(lastEventId.slice(dot + 1));
    const ours = dot > 0 && lastEventId.slice(0, dot) === this.tag && Number.isSafeInteger(seq) && seq >= 0;
    const from = ours ? Math.max(oldest, seq + 1) : oldest;
    const out: EventEnvelope[] = [];
    for (let s = from; s < this.next; s++) out.push(this.ring[s % this.capacity]!);
    return out;
  }
}
