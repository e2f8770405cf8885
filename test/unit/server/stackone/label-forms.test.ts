import { describe, expect, it } from 'vitest';
import type { AppError } from '../../../../server/http/app-error.ts';
import { createStackOneClient } from '../../../../server/stackone/stackone-client.ts';

const account = {
  id: 'a1',
  provider: 'hibob',
  status: 'active',
  origin_owner_id: 'o',
  origin_owner_name: 'O',
  label: 'x',
  created_at: '2024-01-01T00:00:00.000Z',
  updated_at: '2024-01-01T00:00:00.000Z',
};

/** A StackOne that takes the label only in `accepts` (or answers `status` to everything else). */
function stackOne(accepts: 'string' | 'object' | 'none', refusal = 400) {
  const bodies: unknown[] = [];
  const fetch = (async (_url: string, init: RequestInit) => {
    const body = JSON.parse(String(init.body)) as { label: unknown };
    bodies.push(body);
    const form = typeof body.label === 'string' ? 'string' : body.label === null ? 'null' : 'object';
    const ok = form === 'null' || form === accepts;
    return new Response(
      JSON.stringify(
        ok
          ? account
          : { statusCode: refusal, message: `label must be ${accepts === 'object' ? 'an object' : 'something else'}`, timestamp: new Date().toISOString() },
      ),
      { status: ok ? 200 : refusal, headers: { 'content-type': 'application/json' } },
    );
  }) as typeof globalThis.fetch;
  const client = createStackOneClient({ baseUrl: 'http://s.test', apiKey: 'k', timeoutMs: 1000, fetch, maxAttempts: 1 });
  return { client, bodies };
}

const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (err: unknown) => err as AppError,
  );

describe('label edits under both label forms', () => {
  it('sends a string first and stops there when StackOne takes it', async () => {
    const { client, bodies } = stackOne('string');
    const done = await client.forUser('u').updateAccountLabel('a1', 'New');
    expect(done).toMatchObject({ form: 'string', attempts: [{ form: 'string', status: 200 }] });
    expect(bodies).toEqual([{ label: 'New' }]);
  });

  it('retries once as an object on a 400, then sends the object first from then on', async () => {
    const { client, bodies } = stackOne('object');
    const done = await client.forUser('u').updateAccountLabel('a1', 'New');
    expect(done.form).toBe('object');
    expect(done.attempts).toEqual([
      { form: 'string', status: 400, error: expect.stringContaining('label must be an object') },
      { form: 'object', status: 200 },
    ]);
    expect(bodies).toEqual([{ label: 'New' }, { label: { value: 'New' } }]);
    expect(client.labelForm()).toBe('object');

    await client.updateAccountLabel('a1', 'Again');
    expect(bodies.slice(2)).toEqual([{ label: { value: 'Again' } }]);
  });

  it('clears with one null, whatever the form', async () => {
    const { client, bodies } = stackOne('object');
    const done = await client.updateAccountLabel('a1', null);
    expect(done.attempts).toHaveLength(1);
    expect(bodies).toEqual([{ label: null }]);
  });

  it('names both refusals when neither form is taken', async () => {
    const { client, bodies } = stackOne('none');
    const err = await rejection(client.updateAccountLabel('a1', 'New'));
    expect(err.code).toBe('bad_request');
    expect(err.message).toMatch(
      /^StackOne refused the label in both forms it documents \(as a string: refused \(StackOne answered 400: .*\); as an object: refused \(StackOne answered 400: .*\)\)/,
    );
    expect(err.options.upstream).toMatchObject({ status: 400 });
    expect(bodies).toHaveLength(2);
    expect(client.labelForm()).toBeNull();
  });

  it('does not retry another form on an error that is not a 400', async () => {
    const { client, bodies } = stackOne('none', 404);
    const err = await rejection(client.updateAccountLabel('a1', 'New'));
    expect(err.code).toBe('not_found');
    expect(bodies).toHaveLength(1);
  });
});
