import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  DataDirLockedError,
  LOCK_FILE,
  lockDataDir,
  type DataDirLock,
} from '../../../../server/db/data-dir-lock.ts';

let root: string;
let dir: string;
const locks: DataDirLock[] = [];
const servers: Server[] = [];

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'sb-lock-'));
  dir = join(root, 'data');
});
afterEach(async () => {
  for (const lock of locks.splice(0)) await lock.release();
  for (const server of servers.splice(0)) await new Promise((done) => server.close(done));
  rmSync(root, { recursive: true, force: true });
});

const take = async (path = dir) => {
  const lock = await lockDataDir(path);
  locks.push(lock);
  return lock;
};

/** A lock file as another process writes it; `listening` makes that process alive. */
async function otherHolder(options: { pid: number; listening: boolean | 'no socket' }) {
  await take();
  await locks.pop()!.release();
  const socket = options.listening === 'no socket' ? null : 'switchboard-0123456789abcdef.sock';
  if (socket === null) {
    // A holder on a filesystem or path where no socket could be made.
  } else if (options.listening) {
    const server = createServer((s) => s.end());
    servers.push(server);
    await new Promise<void>((done) => server.listen(join(dir, socket), done));
  } else {
    // What a killed process leaves: the socket file, with nobody listening on it.
    writeFileSync(join(dir, socket), '');
  }
  const holder = {
    pid: options.pid,
    host: hostname(),
    startedAt: '2025-03-01T10:00:00.000Z',
    socket,
    nonce: '0123456789abcdef',
  };
  writeFileSync(join(dir, LOCK_FILE), JSON.stringify(holder));
  return holder;
}

describe('the DATA_DIR lock', () => {
  it('creates DATA_DIR private to the user, with a private lock file', async () => {
    await take();
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(join(dir, LOCK_FILE)).mode & 0o777).toBe(0o600);
  });

  it('makes an existing world-readable DATA_DIR private', async () => {
    mkdirSync(dir);
    chmodSync(dir, 0o777);
    await take();
    expect(statSync(dir).mode & 0o777).toBe(0o700);
  });

  it('refuses a second holder in this process, and lets it in once released', async () => {
    const first = await take();
    await expect(lockDataDir(dir)).rejects.toThrow(
      new DataDirLockedError(
        `DATA_DIR ${dir} is in use by this process (pid ${process.pid}). Stop it first, or give this one another DATA_DIR.`,
      ),
    );
    await first.release();
    await take();
  });

  it('refuses while another live process holds it, naming its pid and start', async () => {
    await otherHolder({ pid: 4242, listening: true });
    await expect(lockDataDir(dir)).rejects.toThrow(
      `DATA_DIR ${dir} is in use by another Switchboard process (pid 4242, started 2025-03-01T10:00:00.000Z)`,
    );
  });

  it('takes over the lock of a process that died, and removes its socket', async () => {
    const dead = await otherHolder({ pid: 4242, listening: false });
    await take();
    expect(existsSync(join(dir, dead.socket!))).toBe(false);
  });

  it('takes over a dead holder whose pid is in use again (here: by this very process)', async () => {
    await otherHolder({ pid: process.pid, listening: false });
    await take();
  });

  describe('where no socket can be made', () => {
    const deadPid = async () => {
      const child = spawn(process.execPath, ['-e', '']);
      await new Promise((done) => child.once('exit', done));
      return child.pid!;
    };

    it("refuses while the holder's pid is alive", async () => {
      await otherHolder({ pid: process.ppid, listening: 'no socket' });
      await expect(lockDataDir(dir)).rejects.toThrow(
        `in use by another Switchboard process (pid ${process.ppid}, `,
      );
    });

    it("takes over once the holder's pid is gone", async () => {
      await otherHolder({ pid: await deadPid(), listening: 'no socket' });
      await take();
    });

    it('still locks a DATA_DIR too long a path for a socket, saying so', async () => {
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
      try {
        const long = join(root, 'x'.repeat(120));
        await take(long);
        expect(warn).toHaveBeenCalledWith(
          expect.stringMatching(/^\[db\] no lock socket in DATA_DIR .* \(ENAMETOOLONG\)/),
        );
        await expect(lockDataDir(long)).rejects.toThrow(`is in use by this process (pid ${process.pid})`);
      } finally {
        warn.mockRestore();
      }
    });
  });

  it('takes over an unreadable lock file', async () => {
    await take();
    await locks.pop()!.release();
    writeFileSync(join(dir, LOCK_FILE), '{"pid":');
    await take();
  });

  it('gives a stale lock to exactly one of several processes taking it over at once', async () => {
    await otherHolder({ pid: 4242, listening: false });
    const results = await Promise.allSettled([1, 2, 3, 4].map(() => lockDataDir(dir)));
    for (const r of results) if (r.status === 'fulfilled') locks.push(r.value);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(DataDirLockedError);
  });

  it('leaves nothing behind once released', async () => {
    const lock = await take();
    await lock.release();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('does not remove, on release, a lock that another process holds by now', async () => {
    const lock = await take();
    const other = JSON.stringify({ pid: 4242, socket: 'switchboard-0123456789abcdef.sock', nonce: 'x' });
    writeFileSync(join(dir, LOCK_FILE), other);
    await lock.release();
    expect(readFileSync(join(dir, LOCK_FILE), 'utf8')).toBe(other);
  });
});
