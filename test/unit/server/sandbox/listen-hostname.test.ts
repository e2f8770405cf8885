import { describe, expect, it } from 'vitest';
import { listenHostname } from '../../../../server/sandbox/config.ts';

describe('where the sandbox listens', () => {
  it('stays on loopback with no public URL or a loopback one', () => {
    for (const url of [
      undefined,
      'http://localhost:4010',
      'http://127.0.0.1:4010',
      'http://[::1]:4010',
      'http://sandbox.localhost',
    ])
      expect(listenHostname(url)).toBe('127.0.0.1');
  });

  it('listens on every interface when browsers are sent to another host', () => {
    expect(listenHostname('https://demo.example.com')).toBe('0.0.0.0');
    expect(listenHostname('http://10.0.0.5:4010')).toBe('0.0.0.0');
  });
});
