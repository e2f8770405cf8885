import { describe, expect, it } from 'vitest';
import { createAccountOpQueue, type AccountOp } from '../../../../server/webhooks/account-op-queue.ts';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('createAccountOpQueue', () => {
  it("runs one account's operations one after the other and different accounts side by side", async () => {
    const gate = deferred();
    const log: string[] = [];
    const enqueue = createAccountOpQueue(async (id: string, op: AccountOp) => {
      log.push(`start ${id} ${op}`);
      if (id === 'a' && op === 'refresh') await gate.promise;
      log.push(`end ${id} ${op}`);
    });
    const first = enqueue('a', 'refresh');
    const second = enqueue('a', 'delete');
    const other = enqueue('b', 'refresh');
    await other;
    expect(log).toEqual(['start a refresh', 'start b refresh', 'end b refresh']);
    gate.resolve();
    await Promise.all([first, second]);
    expect(log.slice(3)).toEqual(['end a refresh', 'start a delete', 'end a delete']);
  });

  it('lets refreshes that wait behind a running one share the next read', async () => {
    const started = deferred();
    const gate = deferred();
    let reads = 0;
    const enqueue = createAccountOpQueue(async () => {
      reads++;
      if (reads === 1) {
        started.resolve();
        await gate.promise;
      }
      return reads;
    });
    const running = enqueue('a', 'refresh');
    await started.promise;
    const waiting = Array.from({ length: 10 }, () => enqueue('a', 'refresh'));
    gate.resolve();
    expect(await running).toBe(1);
    expect(await Promise.all(waiting)).toEqual(Array(10).fill(2));
    expect(reads).toBe(2);
  });

  it('lets refreshes asked for in the same tick share one read, since it starts after all of them', async () => {
    let reads = 0;
    const enqueue = createAccountOpQueue(async () => ++reads);
    expect(await Promise.all([enqueue('a', 'refresh'), enqueue('a', 'refresh')])).toEqual([1, 1]);
    expect(await enqueue('a', 'refresh')).toBe(2);
  });

  it('never lets a refresh asked for before a delete run after it, nor join one from before it', async () => {
    const started = deferred();
    const gate = deferred();
    const log: string[] = [];
    const enqueue = createAccountOpQueue(async (_id: string, op: AccountOp) => {
      if (log.length === 0) {
        started.resolve();
        await gate.promise;
      }
      log.push(op);
    });
    const first = enqueue('a', 'refresh');
    await started.promise;
    const ops = [enqueue('a', 'refresh'), enqueue('a', 'delete'), enqueue('a', 'refresh')];
    gate.resolve();
    await Promise.all([first, ...ops]);
    expect(log).toEqual(['refresh', 'refresh', 'delete', 'refresh']);
  });

  it('keeps going after an operation fails', async () => {
    const enqueue = createAccountOpQueue(async (_id: string, op: AccountOp) => {
      if (op === 'delete') throw new Error('boom');
      return 'ok';
    });
    await expect(enqueue('a', 'delete')).rejects.toThrow('boom');
    await expect(enqueue('a', 'refresh')).resolves.toBe('ok');
  });
});
