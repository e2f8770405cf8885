import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../../server/config/load-config.ts';
import { DEFAULT_SANDBOX_API_KEY } from '../../../../server/sandbox/config.ts';

describe('loadConfig in sandbox mode', () => {
  it('gives browsers SANDBOX_PUBLIC_URL and the server localhost, with SANDBOX_API_KEY as the key', () => {
    const config = loadConfig({
      SANDBOX_PORT: '4999',
      SANDBOX_PUBLIC_URL: 'https://demo.example.com/',
      SANDBOX_API_KEY: 'v1.demo-key-0001',
    });
    expect(config.stackOne).toMatchObject({
      apiKey: 'v1.demo-key-0001',
      baseUrl: 'http://localhost:4999',
      hubBaseUrl: 'https://demo.example.com',
      hubAppUrl: 'https://demo.example.com',
    });
    expect(config.sandbox?.publicUrl).toBe('https://demo.example.com');
  });

  it('passes SANDBOX_DIALECT to the embedded sandbox, and names the variable for an unknown dialect', () => {
    expect(loadConfig({ SANDBOX_DIALECT: 'page-zero, envelope' }).sandbox?.dialects).toEqual([
      'page-zero',
      'envelope',
    ]);
    expect(loadConfig({}).sandbox?.dialects).toEqual([]);
    expect(() => loadConfig({ SANDBOX_DIALECT: 'pages-zero' })).toThrow(/SANDBOX_DIALECT/);
  });

  it('keeps localhost and the default key when neither is set', () => {
    const config = loadConfig({ SANDBOX_PORT: '4999' });
    expect(config.stackOne).toMatchObject({
      apiKey: DEFAULT_SANDBOX_API_KEY,
      baseUrl: 'http://localhost:4999',
      hubBaseUrl: 'http://localhost:4999',
      hubAppUrl: 'http://localhost:4999',
    });
    expect(config.sandbox?.publicUrl).toBeNull();
  });

  it('ignores the SANDBOX_ variables when a StackOne key is set (no sandbox starts)', () => {
    const config = loadConfig({
      STACKONE_API_KEY: 'real-key',
      SANDBOX_PUBLIC_URL: 'https://demo.example.com',
      SANDBOX_API_KEY: 'v1.demo-key-0001',
    });
    expect(config.sandbox).toBeNull();
    expect(config.stackOne).toMatchObject({
      apiKey: 'real-key',
      baseUrl: 'https://api.stackone.com',
      hubBaseUrl: 'https://api.stackone.com',
      hubAppUrl: 'https://app.stackone.com',
    });
  });

  it('refuses a SANDBOX_API_KEY shorter than 8 characters and a SANDBOX_PUBLIC_URL that is not a URL', () => {
    expect(() => loadConfig({ SANDBOX_API_KEY: 'short' })).toThrow(/SANDBOX_API_KEY: must be at least 8/);
    expect(() => loadConfig({ SANDBOX_PUBLIC_URL: 'demo host' })).toThrow(/SANDBOX_PUBLIC_URL/);
  });
});
