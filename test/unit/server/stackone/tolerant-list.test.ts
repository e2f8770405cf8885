import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tolerantListSchema } from '../../../../server/stackone/tolerant-list.ts';
import { UpstreamLinkedAccountSchema, UpstreamRequestLogSchema } from '../../../../server/stackone/upstream-schemas.ts';

const iso = fc
  .date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
  .map((d) => d.toISOString());

const goodAccount = fc.record(
  {
    id: fc.string({ minLength: 1, maxLength: 12 }),
    provider: fc.string({ minLength: 1, maxLength: 8 }),
    // An open enum: any string, known or not (`suspended`, `expired`, …), is kept as it comes.
    status: fc.oneof(fc.constantFrom('active', 'inactive', 'error', 'suspended'), fc.string()),
    origin_owner_id: fc.string(),
    origin_owner_name: fc.string(),
    created_at: iso,
    updated_at: iso,
    label: fc.option(fc.string(), { nil: null }),
    some_future_field: fc.anything(),
  },
  { requiredKeys: ['id', 'provider', 'status', 'origin_owner_id', 'origin_owner_name', 'created_at', 'updated_at'] },
);

/** A record that cannot be read: a required field missing or of the wrong type, or no object at all. */
const badAccount = fc.oneof(
  goodAccount.map(({ created_at: _c, ...rest }) => rest),
  goodAccount.map((a) => ({ ...a, status: null })),
  goodAccount.map((a) => ({ ...a, updated_at: 'yesterday' })),
  fc.constantFrom(null, 42, 'account', [] as unknown[]),
);

const entry = fc.oneof(
  goodAccount.map((record) => ({ ok: true as const, record })),
  badAccount.map((record) => ({ ok: false as const, record })),
);

const schema = tolerantListSchema(UpstreamLinkedAccountSchema);

describe('tolerant list parsing', () => {
  it('keeps every good record in order and skips exactly the bad ones, in either envelope', () => {
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 30 }), fc.boolean(), (entries, enveloped) => {
        const records = entries.map((e) => e.record);
        const parsed = schema.parse(enveloped ? { data: records, total: 1 } : records);
        const good = entries.filter((e) => e.ok);
        expect(parsed.items.map((a) => a.id)).toEqual(good.map((e) => (e.record as { id: string }).id));
        expect(parsed.items.map((a) => a.status)).toEqual(good.map((e) => (e.record as { status: string }).status));
        expect(parsed.skipped).toHaveLength(entries.length - good.length);
      }),
    );
  });

  it('names the field and the id of a skipped record', () => {
    const parsed = schema.parse([
      { id: 'a1', provider: 'p', status: 'active', origin_owner_id: 'o', origin_owner_name: 'O', updated_at: '2024-01-01T00:00:00Z' },
      'not a record',
    ]);
    expect(parsed.items).toEqual([]);
    expect(parsed.skipped).toEqual([
      { id: 'a1', field: 'created_at', message: expect.any(String) },
      { field: '(record)', message: expect.any(String) },
    ]);
  });

  it('fails only an answer that is no list at all', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.constant(null), fc.string(), fc.integer(), fc.record({ data: fc.string() }), fc.record({ items: fc.array(fc.anything()) })),
        (body) => {
          expect(schema.safeParse(body).success).toBe(false);
        },
      ),
    );
  });

  it('reads request-log entries with every optional field missing', () => {
    const logs = tolerantListSchema(UpstreamRequestLogSchema, ['request_id']);
    const parsed = logs.parse({ data: [{}, { account_id: 'a', request_id: null }, { status: 'two hundred', request_id: 'r3' }] });
    expect(parsed.items).toHaveLength(2);
    expect(parsed.skipped).toEqual([{ id: 'r3', field: 'status', message: expect.any(String) }]);
  });
});
