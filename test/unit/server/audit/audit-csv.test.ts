import { describe, expect, it } from 'vitest';
import { auditCsvHeader, auditCsvLine } from '../../../../server/audit/list-audit.ts';
import type { AuditEntry } from '../../../../shared/schemas/audit.ts';

const entry = (over: Partial<AuditEntry> = {}): AuditEntry => ({
  id: 1,
  at: '2025-03-01T10:00:00.000Z',
  actorId: 'u1',
  actorEmail: 'ada@example.test',
  actorRole: 'support',
  action: 'account.label_updated',
  targetType: 'account',
  targetId: '4480',
  targetOwner: 'Acme (cust_1)',
  summary: { label: 'EU entity' },
  outcome: 'success',
  upstreamStatus: null,
  ip: '127.0.0.1',
  userAgent: 'Mozilla/5.0',
  ...over,
});

describe('audit CSV', () => {
  it('has a header naming the columns', () => {
    expect(auditCsvHeader()).toBe(
      'at,actorEmail,actorRole,action,targetType,targetId,targetOwner,outcome,upstreamStatus,ip,userAgent,summary\r\n',
    );
  });

  it('writes one CRLF line per entry, with empty cells for nulls and JSON for the summary', () => {
    expect(auditCsvLine(entry({ upstreamStatus: 503, outcome: 'failure' }))).toBe(
      '2025-03-01T10:00:00.000Z,ada@example.test,support,account.label_updated,account,4480,Acme (cust_1),failure,503,127.0.0.1,Mozilla/5.0,"{""label"":""EU entity""}"\r\n',
    );
    expect(auditCsvLine(entry({ actorEmail: null, targetOwner: null, summary: {} }))).toBe(
      '2025-03-01T10:00:00.000Z,,support,account.label_updated,account,4480,,success,,127.0.0.1,Mozilla/5.0,{}\r\n',
    );
  });

  it('quotes commas, quotes and line breaks', () => {
    const line = auditCsvLine(entry({ targetOwner: 'Acme, "Inc"\nEU', userAgent: 'a\rb' }));
    expect(line).toContain(',"Acme, ""Inc""\nEU",');
    expect(line).toContain(',"a\rb",');
  });

  it.each(['=1+1', '+1+1', '-2+3', '@SUM(A1)', '\t=1+1', '\r=1+1'])(
    'defuses a cell starting %j so a spreadsheet shows it as text',
    (text) => {
      const line = auditCsvLine(entry({ targetOwner: text }));
      expect(line).toMatch(/,"?'/);
      expect(line).toContain(`'${text}`);
    },
  );

  it('defuses a formula that also needs quoting', () => {
    expect(auditCsvLine(entry({ userAgent: '=HYPERLINK("http://evil.test","x")' }))).toContain(
      `,"'=HYPERLINK(""http://evil.test"",""x"")",`,
    );
  });
});
