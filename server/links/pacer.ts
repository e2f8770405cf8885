/** Spaces calls at most `perSecond` a second (each caller waits for its own slot), shared by every job of the process. */
export function createPacer(perSecond: number, signal: AbortSignal) {
  const gap = 1000 / perSecond;
  let next = 0;
  return async function slot(): Promise<void> {
    const now = Date.now();
    const at = Math.max(now, next);
    next = at + gap;
    if (at > now) await abortableSleep(at - now, signal);
  };
}

export function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new Error('closed'));
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    function onAbort() {
      clearTimeout(timer);
      reject(new Error('closed'));
    }
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
