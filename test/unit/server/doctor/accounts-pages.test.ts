import { describe, expect, it } from 'vitest';
import {
  detectFirstPage,
  detectPageSize,
  readAccountsPage,
  type AccountsPage,
} from '../../../../server/doctor/accounts-pages.ts';
import type { RawOutcome } from '../../../../server/stackone/raw-request.ts';

const answer = (status: number, body: unknown, message = ''): RawOutcome => ({
  kind: 'answer',
  status,
  body,
  message,
  date: null,
  localMidpointMs: 0,
});
const accounts = (...ids: string[]) => ids.map((id) => ({ id }));
const page = (...ids: string[]): AccountsPage => readAccountsPage(answer(200, accounts(...ids)));
const range = (from: number, n: number) => Array.from({ length: n }, (_, i) => `acc_${from + i}`);

describe('readAccountsPage', () => {
  it('reads a bare array and a {data: [...]} envelope alike, saying which it was', () => {
    expect(readAccountsPage(answer(200, accounts('a', 'b')))).toMatchObject({
      shape: 'array',
      ids: ['a', 'b'],
    });
    expect(readAccountsPage(answer(200, { data: accounts('a') }))).toMatchObject({
      shape: 'envelope',
      ids: ['a'],
    });
  });

  it('tells a refusal, an unreadable body and no answer apart', () => {
    expect(readAccountsPage(answer(400, { message: 'bad page' }, 'bad page'))).toEqual({
      shape: 'refused',
      status: 400,
      message: 'bad page',
    });
    expect(readAccountsPage(answer(200, { items: [] }))).toEqual({ shape: 'other', status: 200 });
    expect(readAccountsPage({ kind: 'unreachable', timedOut: false, message: 'ECONNREFUSED' })).toEqual({
      shape: 'unreachable',
      message: 'ECONNREFUSED',
    });
  });
});

describe('detectFirstPage', () => {
  it('is 1 when page=0 is refused', () => {
    expect(detectFirstPage(readAccountsPage(answer(400, {}, 'page must be ≥ 1')), page('a'))).toMatchObject({
      start: 1,
    });
  });
  it('is 1 when page=0 repeats page=1 (a server that reads 0 as 1)', () => {
    expect(detectFirstPage(page('a', 'b'), page('a', 'b'))).toMatchObject({ start: 1 });
  });
  it('is 1 when page=0 is empty', () => {
    expect(detectFirstPage(page(), page('a'))).toMatchObject({ start: 1 });
  });
  it('is 0 when page=0 and page=1 hold different accounts', () => {
    expect(detectFirstPage(page('a', 'b'), page('c', 'd'))).toMatchObject({ start: 0 });
  });
  it('is 0 when page=0 holds accounts and page=1 is empty (every account fits on the first page)', () => {
    expect(detectFirstPage(page('a', 'b'), page())).toMatchObject({ start: 0 });
  });
  it('is unknown with no accounts at all, or when page=1 fails', () => {
    expect(detectFirstPage(page(), page())).toMatchObject({ start: null });
    expect(detectFirstPage(page('a'), readAccountsPage(answer(500, {})))).toMatchObject({ start: null });
  });
});

describe('detectPageSize', () => {
  it('is the size asked for when the first page is full', () => {
    expect(detectPageSize(page(...range(0, 100)), page('x'), 100)).toEqual({
      kind: 'as-requested',
      size: 100,
    });
  });
  it('cannot be measured when every account fits on the first page', () => {
    expect(detectPageSize(page(...range(0, 60)), page(), 100)).toEqual({
      kind: 'all-on-one-page',
      count: 60,
    });
  });
  it('is a short page when more accounts follow a page shorter than asked for (a silent cap)', () => {
    expect(detectPageSize(page(...range(0, 25)), page(...range(25, 25)), 100)).toEqual({
      kind: 'short',
      size: 25,
    });
  });
  it('does not count a second page that only repeats the first as more accounts', () => {
    expect(detectPageSize(page(...range(0, 25)), page(...range(0, 25)), 100)).toEqual({
      kind: 'all-on-one-page',
      count: 25,
    });
  });
});
