import { expect } from 'vitest';

/** Asserts StackOne's error body: `{statusCode, message, timestamp}` with an ISO timestamp. */
export function expectErrorBody(body: unknown, status: number, message: RegExp) {
  expect(body).toEqual({
    statusCode: status,
    message: expect.stringMatching(message),
    timestamp: expect.any(String),
  });
  const { timestamp } = body as { timestamp: string };
  expect(new Date(timestamp).toISOString()).toBe(timestamp);
}
