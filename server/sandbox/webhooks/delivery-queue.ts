/** The delay before the job's next attempt in ms, or `null` once the job is finished. */
export type RunOutcome = number | null;

interface QueueOptions<T> {
  /** Attempts in flight at once (waiting for a retry does not hold a slot). */
  concurrency: number;
  /** Makes one attempt; must not throw. */
  run: (job: T) => Promise<RunOutcome>;
  /** Called for every unfinished job that will not be attempted again because the queue closed. */
  drop: (job: T) => void;
}

/**
 * One endpoint's deliveries. Jobs with the same key (account id) run one after the other, a later
 * one waiting until the earlier one is delivered or has failed for good, so a receiver sees an
 * account's events in the order they happened. Jobs with different keys run side by side, up to
 * `concurrency`, which bounds the requests a burst of thousands of events can open.
 */
export class DeliveryQueue<T extends { key: string }> {
  private waiting: T[] = [];
  /** Retries whose delay is over; they go before new jobs. */
  private due: T[] = [];
  private retryTimers = new Map<NodeJS.Timeout, T>();
  private busyKeys = new Set<string>();
  private active = 0;
  private closed = false;

  constructor(private readonly options: QueueOptions<T>) {}

  push(job: T): void {
    if (this.closed) return this.options.drop(job);
    this.waiting.push(job);
    this.pump();
  }

  /** Cancels retry timers and queued jobs (each handed to `drop`); attempts in flight finish first. */
  close(): void {
    this.closed = true;
    for (const timer of this.retryTimers.keys()) clearTimeout(timer);
    const left = [...this.due, ...this.retryTimers.values(), ...this.waiting];
    this.waiting = [];
    this.due = [];
    this.retryTimers.clear();
    for (const job of left) this.options.drop(job);
  }

  private pump(): void {
    while (!this.closed && this.active < this.options.concurrency) {
      const job = this.due.shift() ?? this.takeWaiting();
      if (!job) return;
      this.active++;
      void this.options.run(job).then((next) => this.settle(job, next));
    }
  }

  private takeWaiting(): T | undefined {
    const index = this.waiting.findIndex((job) => !this.busyKeys.has(job.key));
    if (index < 0) return undefined;
    const job = this.waiting.splice(index, 1)[0]!;
    this.busyKeys.add(job.key);
    return job;
  }

  private settle(job: T, next: RunOutcome): void {
    this.active--;
    if (next === null || this.closed) {
      this.busyKeys.delete(job.key);
      if (next !== null) this.options.drop(job);
    } else {
      const timer = setTimeout(() => {
        this.retryTimers.delete(timer);
        this.due.push(job);
        this.pump();
      }, next);
      timer.unref();
      this.retryTimers.set(timer, job);
    }
    this.pump();
  }
}
