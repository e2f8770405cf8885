import type pg from 'pg';
import { ConsoleEventSchema, type ConsoleEvent } from '../../shared/schemas/events.ts';
import { InternalEventSchema, isInternalEvent, type InternalEvent } from './internal-events.ts';

export const EVENTS_CHANNEL = 'switchboard_events';
const RECONNECT_DELAY_MS = 1_000;

interface Notification {
  /** The publishing process; it has delivered to its own subscribers already. */
  origin: string;
  event: ConsoleEvent | InternalEvent;
}

export interface PgFanout {
  notify(event: ConsoleEvent | InternalEvent): Promise<void>;
  /** False from the loss of the LISTEN connection until it is replaced: notifications are missed. */
  listening(): boolean;
  close(): Promise<void>;
}

/**
 * Cross-process delivery over Postgres LISTEN/NOTIFY. One pool client is held for LISTEN (a
 * notification reaches only the session that listens); if its connection drops it is replaced, and
 * events published meanwhile by other processes are missed (browsers resync on reconnect).
 */
export async function startPgFanout(
  pool: pg.Pool,
  origin: string,
  deliver: (event: ConsoleEvent | InternalEvent) => void,
  /** Called when the LISTEN connection is lost (what others publish until it is back is missed). */
  onLost: () => void = () => {},
): Promise<PgFanout> {
  let client: pg.PoolClient | null = null;
  let closed = false;
  let retry: NodeJS.Timeout | null = null;

  const onNotification = (message: pg.Notification) => {
    if (message.channel !== EVENTS_CHANNEL || !message.payload) return;
    let parsed: Notification;
    try {
      parsed = JSON.parse(message.payload) as Notification;
    } catch {
      return;
    }
    if (parsed.origin === origin || !parsed.event || typeof parsed.event !== 'object') return;
    const schema = isInternalEvent(parsed.event) ? InternalEventSchema : ConsoleEventSchema;
    const event = schema.safeParse(parsed.event);
    if (event.success) deliver(event.data);
  };

  /** Releases a LISTEN client once; its error listener stays, since a released client can still emit. */
  const releasers = new WeakMap<pg.PoolClient, (err?: Error) => void>();
  const releaseOnce = (c: pg.PoolClient, err?: Error) => releasers.get(c)?.(err);

  const listen = async () => {
    const c = await pool.connect();
    let released = false;
    releasers.set(c, (err) => {
      if (released) return;
      released = true;
      c.release(err);
    });
    c.on('notification', onNotification);
    c.on('error', (err) => {
      if (released) return;
      console.warn(`[events] LISTEN connection lost: ${err.message}`);
      c.off('notification', onNotification);
      releaseOnce(c, err);
      if (client === c) client = null;
      onLost();
      scheduleReconnect();
    });
    try {
      await c.query(`LISTEN ${EVENTS_CHANNEL}`);
    } catch (err) {
      releaseOnce(c, err as Error);
      throw err;
    }
    client = c;
  };

  const scheduleReconnect = () => {
    if (closed || retry) return;
    retry = setTimeout(() => {
      retry = null;
      listen().catch((err: Error) => {
        console.warn(`[events] LISTEN reconnect failed: ${err.message}`);
        scheduleReconnect();
      });
    }, RECONNECT_DELAY_MS);
    retry.unref();
  };

  await listen();

  return {
    notify: async (event) => {
      const payload: Notification = { origin, event };
      await pool.query('select pg_notify($1, $2)', [EVENTS_CHANNEL, JSON.stringify(payload)]);
    },
    listening: () => client !== null,
    close: async () => {
      closed = true;
      if (retry) clearTimeout(retry);
      const c = client;
      client = null;
      if (!c) return;
      c.off('notification', onNotification);
      try {
        await c.query(`UNLISTEN ${EVENTS_CHANNEL}`);
        releaseOnce(c);
      } catch (err) {
        releaseOnce(c, err as Error);
      }
    },
  };
}
