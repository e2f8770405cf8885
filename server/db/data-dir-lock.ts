import { randomBytes } from 'node:crypto';
import { chmodSync, linkSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection, createServer, type Server } from 'node:net';
import { hostname } from 'node:os';
import { join, relative, resolve } from 'node:path';

/** The lock file in DATA_DIR: who holds the directory, and the socket that proves it is alive. */
export const LOCK_FILE = 'switchboard.lock';

/** Longest Unix socket path every platform binds (macOS: 103 bytes, Linux: 107). */
const MAX_SOCKET_PATH = 103;

interface Holder {
  pid: number;
  host: string;
  startedAt: string;
  /** The socket file in DATA_DIR the holder listens on while it runs; null where none could be made. */
  socket: string | null;
  nonce: string;
}

/** DATA_DIR is held by a live process; the message names it. */
export class DataDirLockedError extends Error {}

export interface DataDirLock {
  readonly dir: string;
  release(): Promise<void>;
}

/** Locks held by this process, by nonce: a second open of the same DATA_DIR here is refused too. */
const heldHere = new Set<string>();

const processStartedAt = () => new Date(Date.now() - process.uptime() * 1000).toISOString();

/** The path to bind or connect to: relative to the working directory when the absolute one is too long. */
function socketAddress(dir: string, name: string): string | null {
  const absolute = join(dir, name);
  if (Buffer.byteLength(absolute) <= MAX_SOCKET_PATH) return absolute;
  const rel = relative(process.cwd(), absolute);
  return Buffer.byteLength(rel) <= MAX_SOCKET_PATH ? rel : null;
}

function readHolder(file: string): Holder | null {
  try {
    const h = JSON.parse(readFileSync(file, 'utf8')) as Partial<Holder>;
    return typeof h.pid === 'number' &&
      (typeof h.socket === 'string' || h.socket === null) &&
      typeof h.nonce === 'string'
      ? (h as Holder)
      : null;
  } catch {
    return null;
  }
}

/**
 * A holder is alive while its socket accepts connections: the kernel closes it when the process
 * ends, however it ends (SIGKILL included), so neither a reused pid nor a pid seen from another
 * container's namespace can fool this. Any answer but "nobody listens" counts as alive (fail closed).
 */
function isAlive(dir: string, holder: Holder): Promise<boolean> {
  const address = holder.socket && socketAddress(dir, holder.socket);
  if (!address) return Promise.resolve(pidIsAlive(holder));
  return new Promise((done) => {
    const socket = createConnection(address);
    socket.once('connect', () => {
      socket.destroy();
      done(true);
    });
    socket.once('error', (err: NodeJS.ErrnoException) => {
      done(err.code !== 'ECONNREFUSED' && err.code !== 'ENOENT');
    });
  });
}

/** Without a socket, only the pid tells: weaker (a reused pid looks alive), so failing closed. */
function pidIsAlive(holder: Holder): boolean {
  if (holder.host !== hostname()) return true;
  if (holder.pid === process.pid) return heldHere.has(holder.nonce);
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

/** A socket that answers while this process runs, or null where the filesystem or path allows none. */
async function listen(dir: string, name: string): Promise<Server | null> {
  const address = socketAddress(dir, name);
  const server = createServer((socket) => socket.end());
  try {
    if (!address) throw Object.assign(new Error('path too long'), { code: 'ENAMETOOLONG' });
    await new Promise<void>((done, fail) => {
      server.once('error', fail);
      server.listen(address, () => {
        server.off('error', fail);
        done();
      });
    });
  } catch (err) {
    console.warn(
      `[db] no lock socket in DATA_DIR ${dir} (${(err as NodeJS.ErrnoException).code ?? String(err)}): ` +
        'whether the process holding it is alive is told by its pid alone',
    );
    return null;
  }
  server.unref();
  chmodSync(join(dir, name), 0o600);
  return server;
}

function lockedMessage(dir: string, holder: Holder): string {
  const where = holder.host === hostname() ? '' : ` on ${holder.host}`;
  const who = heldHere.has(holder.nonce)
    ? `this process (pid ${holder.pid})`
    : `another Switchboard process (pid ${holder.pid}${where}, started ${holder.startedAt})`;
  return `DATA_DIR ${dir} is in use by ${who}. Stop it first, or give this one another DATA_DIR.`;
}

/**
 * Takes DATA_DIR for this process (creating it, private to the user), before the embedded database
 * opens it: two PGlites on one directory each see only their own writes and leave it unreadable.
 * A second process gets a DataDirLockedError naming the first; a lock left by a process that died
 * is taken over.
 */
export async function lockDataDir(dataDir: string): Promise<DataDirLock> {
  const dir = resolve(dataDir);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  const lockFile = join(dir, LOCK_FILE);
  const nonce = randomBytes(8).toString('hex');
  const socketName = `switchboard-${nonce}.sock`;
  // Listening first: from the moment the lock file names this socket, it answers.
  const server = await listen(dir, socketName);
  const me: Holder = {
    pid: process.pid,
    host: hostname(),
    startedAt: processStartedAt(),
    socket: server ? socketName : null,
    nonce,
  };
  const closeSocket = async () => {
    if (!server) return;
    await new Promise<void>((done) => server.close(() => done()));
    rmSync(join(dir, socketName), { force: true });
  };
  const draft = join(dir, `${LOCK_FILE}.${nonce}`);
  writeFileSync(draft, JSON.stringify(me), { mode: 0o600 });

  try {
    for (;;) {
      try {
        // link() fails when the name exists, and the file it names is already complete.
        linkSync(draft, lockFile);
        break;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
      const holder = readHolder(lockFile);
      if (holder && (await isAlive(dir, holder))) throw new DataDirLockedError(lockedMessage(dir, holder));
      removeStale(dir, lockFile, holder, nonce);
    }
  } catch (err) {
    rmSync(draft, { force: true });
    await closeSocket();
    throw err;
  }
  rmSync(draft, { force: true });
  heldHere.add(nonce);

  let released = false;
  return {
    dir,
    async release() {
      if (released) return;
      released = true;
      heldHere.delete(nonce);
      if (readHolder(lockFile)?.nonce === nonce) rmSync(lockFile, { force: true });
      await closeSocket();
    },
  };
}

/**
 * Removes the dead holder's lock, and only it: two processes may find the same stale lock at once,
 * and the first may already have put its own in its place. The lock is moved aside (atomic) and
 * checked; a lock that is not the one found dead is put back, and the caller looks again.
 */
function removeStale(dir: string, lockFile: string, stale: Holder | null, nonce: string): void {
  const aside = `${lockFile}.${nonce}.stale`;
  try {
    renameSync(lockFile, aside);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
  const moved = readHolder(aside);
  if (moved?.nonce === stale?.nonce) {
    if (stale?.socket) rmSync(join(dir, stale.socket), { force: true });
  } else {
    try {
      linkSync(aside, lockFile);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  rmSync(aside, { force: true });
}
