import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONNECTORS } from '../../../server/sandbox/catalog/connectors.ts';
import type { RunningSandbox } from '../../../server/sandbox/start-sandbox.ts';
import { platformFetch, startTestSandbox } from '../../support/sandbox.ts';

let sandbox: RunningSandbox;

beforeAll(async () => {
  sandbox = await startTestSandbox();
});

afterAll(() => sandbox.close());

describe('GET /connectors/meta', () => {
  it('answers a bare array with every connector, active, with its logo URL', async () => {
    const response = await platformFetch(sandbox, '/connectors/meta');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await response.json()) as Record<string, unknown>[];
    expect(body.map((m) => m.provider)).toEqual(CONNECTORS.map((c) => c.provider));
    expect(body[0]).toEqual({
      provider: 'bamboohr',
      provider_name: 'BambooHR',
      category: 'hris',
      active: true,
      models: {
        employees: {
          list: { apiPath: '/unified/hris/employees' },
          get: { apiPath: '/unified/hris/employees/:id' },
        },
        time_off: {
          list: { apiPath: '/unified/hris/time_off' },
          get: { apiPath: '/unified/hris/time_off/:id' },
        },
        locations: {
          list: { apiPath: '/unified/hris/locations' },
          get: { apiPath: '/unified/hris/locations/:id' },
        },
      },
      resources: {
        images: { logo_url: `${sandbox.url}/logos/bamboohr.svg`, original_logo_horizontal_url: null },
      },
    });
  });

  it('serves the logo each entry points to', async () => {
    const body = (await (await platformFetch(sandbox, '/connectors/meta?include=resources')).json()) as {
      resources: { images: { logo_url: string } };
    }[];
    const logo = await fetch(body[3]!.resources.images.logo_url);
    expect(logo.status).toBe(200);
    expect(logo.headers.get('content-type')).toBe('image/svg+xml');
  });

  it('answers one connector by provider and 404 for an unknown one', async () => {
    const hibob = await platformFetch(sandbox, '/connectors/meta/hibob');
    expect(hibob.status).toBe(200);
    expect(await hibob.json()).toMatchObject({ provider: 'hibob', provider_name: 'HiBob', category: 'hris' });

    const unknown = await platformFetch(sandbox, '/connectors/meta/unknownhr');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({
      statusCode: 404,
      message: 'No connector with the given provider key exists',
      timestamp: expect.any(String),
    });
  });
});
