import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConsoleEvent } from '../../../shared/schemas/events.ts';
import { openDatabase, type Database } from '../../../server/db/client.ts';
import { createEventBus, type EventBus, type EventEnvelope } from '../../../server/events/event-bus.ts';
import { sseSettings } from '../../../server/events/sse-stream.ts';
import { freshDatabase, startTestConsole, TEST_DATABASES, type TestConsole } from '../../support/console.ts';
import { waitUntil } from '../../support/webhook-receiver.ts';

interface Frame {
  event?: string;
  id?: string;
  data?: string;
  comments: string[];
}

/** `GET /api/events` read over HTTP and split into frames, as EventSource would. */
async function openStream(t: TestConsole, headers: Record<string, string> = {}) {
  const controller = new AbortController();
  const res = await t.api('/api/events', { headers, signal: controller.signal });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/event-stream');
  const frames: Frame[] = [];
  let ended = false;
  const reading = (async () => {
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        buffer += value;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const frame: Frame = { comments: [] };
          for (const line of buffer.slice(0, end).split('\n')) {
            if (line.startsWith(':')) frame.comments.push(line.slice(1).trim());
            else if (line.startsWith('event: ')) frame.event = line.slice(7);
            else if (line.startsWith('id: ')) frame.id = line.slice(4);
            else if (line.startsWith('data: ')) frame.data = line.slice(6);
          }
          buffer = buffer.slice(end + 2);
          frames.push(frame);
        }
      }
    } catch {
      // Aborted by close().
    }
    ended = true;
  })();
  const events = () => frames.filter((f) => f.data !== undefined);
  return {
    frames,
    events,
    ended: () => ended,
    /** The data of every event frame that carries one of the markers, in arrival order. */
    markers: () => events().map((f) => (JSON.parse(f.data!) as { at: string }).at),
    waitForEvents: (n: number) => waitUntil(() => events().length >= n, { what: `${n} events` }),
    close: async () => {
      controller.abort();
      await reading;
    },
  };
}

const marker = (at: string): ConsoleEvent => ({
  type: 'sync.progress',
  state: 'idle',
  seen: 0,
  pages: 0,
  startedAt: null,
  finishedAt: null,
  error: null,
  at,
});

describe.each(TEST_DATABASES)('the event stream on $name', ({ kind }) => {
  let t: TestConsole;
  const publish = (event: ConsoleEvent) => t.console.deps.bus.publish(event);

  beforeAll(async () => {
    t = await startTestConsole({ database: kind, autoSync: false });
  });

  afterAll(async () => {
    await t?.close();
  });

  it('sends each event as its type, its envelope id and its JSON', async () => {
    const stream = await openStream(t);
    const event: ConsoleEvent = {
      type: 'account.changed',
      accountId: 'acc_1',
      change: 'updated',
      status: 'error',
      at: new Date().toISOString(),
    };
    await publish(event);
    await stream.waitForEvents(1);
    await stream.close();
    const [frame] = stream.events();
    expect(frame!.event).toBe('account.changed');
    expect(JSON.parse(frame!.data!)).toEqual(event);
    expect(frame!.id).toMatch(/\S/);
  });

  it('replays the events missed while disconnected when reconnecting with Last-Event-ID', async () => {
    const first = await openStream(t);
    await publish(marker('m1'));
    await first.waitForEvents(1);
    await first.close();
    const lastId = first.events()[0]!.id!;

    await publish(marker('m2'));
    await publish(marker('m3'));
    const second = await openStream(t, { 'last-event-id': lastId });
    await second.waitForEvents(2);
    await publish(marker('m4'));
    await second.waitForEvents(3);
    await second.close();
    expect(second.markers()).toEqual(['m2', 'm3', 'm4']);
  });

  it('replays all it still holds for an id it did not give out (another process, an earlier run)', async () => {
    await publish(marker('held'));
    const held = t.console.deps.bus.since('unknown.0').length;
    expect(held).toBeGreaterThan(0);
    const stream = await openStream(t, { 'last-event-id': 'another-process.12' });
    await stream.waitForEvents(held);
    await stream.close();
    expect(stream.markers()).toContain('held');
  });

  it('sends a heartbeat comment while nothing happens', async () => {
    const saved = sseSettings.heartbeatMs;
    sseSettings.heartbeatMs = 50;
    try {
      const stream = await openStream(t);
      await waitUntil(() => stream.frames.some((f) => f.comments.includes('heartbeat')), {
        timeoutMs: 2_000,
        what: 'a heartbeat',
      });
      await stream.close();
      expect(stream.events()).toEqual([]);
    } finally {
      sseSettings.heartbeatMs = saved;
    }
  });

  it('drops its subscription when the browser disconnects', async () => {
    const bus = t.console.deps.bus;
    const subscribe = bus.subscribe;
    let open = 0;
    bus.subscribe = (listener, onClose) => {
      open++;
      const unsubscribe = subscribe(listener, onClose);
      let subscribed = true;
      return () => {
        if (subscribed) open--;
        subscribed = false;
        unsubscribe();
      };
    };
    try {
      const stream = await openStream(t);
      await waitUntil(() => open === 1, { what: 'the subscription' });
      await stream.close();
      await waitUntil(() => open === 0, { what: 'the unsubscription' });
    } finally {
      bus.subscribe = subscribe;
    }
  });

  it('ends the stream of a browser that falls behind, which then resumes from the replay buffer', async () => {
    const saved = sseSettings.maxPending;
    sseSettings.maxPending = 2;
    try {
      const behind = await openStream(t);
      await publish(marker('b0'));
      await waitUntil(() => behind.markers().includes('b0'), { what: 'the first event' });
      // Published in one tick: they pile up faster than the stream writes them.
      void Promise.all(['b1', 'b2', 'b3', 'b4', 'b5'].map((at) => publish(marker(at))));
      await waitUntil(() => behind.ended(), { what: 'the stream to end' });
      const lastId = behind.events().at(-1)!.id!;
      expect(behind.markers()).not.toContain('b5');

      const resumed = await openStream(t, { 'last-event-id': lastId });
      await waitUntil(() => resumed.markers().includes('b5'), { what: 'the replayed events' });
      await resumed.close();
      expect([...behind.markers(), ...resumed.markers()].filter((m) => m.startsWith('b'))).toEqual([
        'b0',
        'b1',
        'b2',
        'b3',
        'b4',
        'b5',
      ]);
    } finally {
      sseSettings.maxPending = saved;
    }
  });

  it('refuses a visitor who is not signed in', async () => {
    const res = await t.api('/api/events', { cookie: '' });
    expect(res.status).toBe(401);
  });
});

describe('shutting the console down', () => {
  it('ends the open event streams instead of waiting for the browsers to leave', async () => {
    const t = await startTestConsole({ autoSync: false });
    const stream = await openStream(t);
    // Were the open stream waited for, close() would not resolve before the test's own timeout.
    await t.close();
    await waitUntil(() => stream.ended(), { what: 'the stream to end' });
    await stream.close();
  });
});

// Only where there is a Postgres: PGlite is one process by construction.
describe.each(TEST_DATABASES.filter((d) => d.kind === 'postgres'))(
  'the event bus across console processes on $name',
  () => {
    let fresh: Awaited<ReturnType<typeof freshDatabase>>;
    const databases: Database[] = [];
    const buses: EventBus[] = [];

    beforeAll(async () => {
      fresh = await freshDatabase('postgres');
      for (let i = 0; i < 2; i++) {
        const database = await openDatabase(fresh.config);
        databases.push(database);
        buses.push(await createEventBus(database));
      }
    });

    afterAll(async () => {
      for (const bus of buses) await bus.close();
      for (const database of databases) await database.close();
      await fresh?.drop();
    });

    it('delivers an event published in one process once to the subscribers of every process', async () => {
      const received: EventEnvelope[][] = [[], []];
      const unsubscribe = buses.map((bus, i) => bus.subscribe((e) => received[i]!.push(e)));
      await buses[0]!.publish(marker('from-a'));
      await buses[1]!.publish(marker('from-b'));
      await buses[0]!.publish(marker('last'));
      const ats = (i: number) => received[i]!.map((e) => (e.event as { at: string }).at);
      await waitUntil(() => ats(0).includes('last') && ats(1).includes('last'), { what: 'the last event' });
      unsubscribe.forEach((u) => u());
      expect(ats(0).sort()).toEqual(['from-a', 'from-b', 'last']);
      expect(ats(1).sort()).toEqual(['from-a', 'from-b', 'last']);
      // Each process numbers what it delivers, so an id from the other one means nothing here.
      expect(received[0]!.map((e) => e.id)).not.toEqual(received[1]!.map((e) => e.id));
    });

    it('keeps events from another process in its replay buffer', async () => {
      await buses[1]!.publish(marker('replayable'));
      await waitUntil(
        () => buses[0]!.since('unknown.0').some((e) => (e.event as { at: string }).at === 'replayable'),
        { what: 'the replayable event' },
      );
    });

    it('releases its LISTEN connection when closed', async () => {
      const pool = databases[0]!.pool!;
      expect(pool.totalCount).toBeGreaterThan(0);
      const bus = await createEventBus(databases[0]!);
      const held = pool.totalCount - pool.idleCount;
      expect(held).toBeGreaterThan(0);
      await bus.close();
      expect(pool.totalCount - pool.idleCount).toBe(held - 1);
    });
  },
);
