import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makePrivate } from '../../../../server/db/private-dir.ts';

let root: string;
const mode = (path: string) => statSync(path).mode & 0o777;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'sb-private-'));
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('makePrivate', () => {
  it('takes group and other permissions off the directory and everything in it', () => {
    const dir = join(root, 'data');
    mkdirSync(join(dir, 'base', '5'), { recursive: true });
    writeFileSync(join(dir, 'PG_VERSION'), '17');
    writeFileSync(join(dir, 'base', '5', '1259'), '');
    writeFileSync(join(dir, 'run.sh'), '');
    for (const d of [dir, join(dir, 'base'), join(dir, 'base', '5')]) chmodSync(d, 0o755);
    chmodSync(join(dir, 'PG_VERSION'), 0o644);
    chmodSync(join(dir, 'base', '5', '1259'), 0o666);
    chmodSync(join(dir, 'run.sh'), 0o775);

    makePrivate(dir);

    expect([dir, join(dir, 'base'), join(dir, 'base', '5')].map(mode)).toEqual([0o700, 0o700, 0o700]);
    expect(mode(join(dir, 'PG_VERSION'))).toBe(0o600);
    expect(mode(join(dir, 'base', '5', '1259'))).toBe(0o600);
    expect(mode(join(dir, 'run.sh'))).toBe(0o700);
  });

  it('leaves what a symbolic link points to alone', () => {
    const dir = join(root, 'data');
    mkdirSync(dir);
    const outside = join(root, 'shared.txt');
    writeFileSync(outside, '');
    chmodSync(outside, 0o644);
    symlinkSync(outside, join(dir, 'link'));

    makePrivate(dir);

    expect(mode(outside)).toBe(0o644);
  });
});
