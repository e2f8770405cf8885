/**
 * Who a StackOne call is for. `background` keeps the index true (sync, webhook re-reads) and goes
 * first; `interactive` is a signed-in user's live read or change.
 */
export type CallPriority = 'background' | 'interactive';

export interface CallSchedulerOptions {
  /** StackOne calls in flight at once, all priorities. */
  maxConcurrent: number;
  /** Of those, the most that may be interactive: the rest are kept free for background calls. */
  maxInteractive: number;
}

/**
 * Admits StackOne calls in priority order: a waiting background call always starts before a waiting
 * interactive one, and interactive calls never take the slots kept for background ones.
 */
export function createCallScheduler(options: CallSchedulerOptions) {
  const maxInteractive = Math.max(1, Math.min(options.maxInteractive, options.maxConcurrent));
  let running = 0;
  let interactiveRunning = 0;
  const waiting: Record<CallPriority, (() => void)[]> = { background: [], interactive: [] };

  const canStart = (priority: CallPriority) =>
    running < options.maxConcurrent &&
    (priority === 'background' ||
      (interactiveRunning < maxInteractive && waiting.background.length === 0));

  function admit(priority: CallPriority) {
    running++;
    if (priority === 'interactive') interactiveRunning++;
  }

  function pump() {
    for (const priority of ['background', 'interactive'] as const) {
      while (waiting[priority].length > 0 && canStart(priority)) {
        admit(priority);
        waiting[priority].shift()!();
      }
    }
  }

  return {
    async run<T>(priority: CallPriority, call: () => Promise<T>): Promise<T> {
      if (waiting[priority].length === 0 && canStart(priority)) admit(priority);
      else await new Promise<void>((resolve) => waiting[priority].push(resolve));
      try {
        return await call();
      } finally {
        running--;
        if (priority === 'interactive') interactiveRunning--;
        pump();
      }
    },
    /** For tests and the doctor: calls in flight and waiting. */
    stats: () => ({
      running,
      interactiveRunning,
      waitingBackground: waiting.background.length,
      waitingInteractive: waiting.interactive.length,
    }),
  };
}

export type CallScheduler = ReturnType<typeof createCallScheduler>;
