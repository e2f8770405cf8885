import type { RawOutcome, RawStackOne } from '../stackone/raw-request.ts';

/**
 * The doctor's view of StackOne: each GET goes out once however many checks read it, so the report
 * costs a dozen calls of the key's rate limit, not one per question.
 */
export function createStackOneView(raw: RawStackOne) {
  const answers = new Map<string, Promise<RawOutcome>>();
  const calls: string[] = [];
  return {
    get(path: string, query: Record<string, string | number> = {}): Promise<RawOutcome> {
      const key = `${path}?${new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]))}`;
      let answer = answers.get(key);
      if (!answer) {
        calls.push(`GET ${key}`);
        answer = raw({ method: 'GET', path, query });
        answers.set(key, answer);
      }
      return answer;
    },
    /** Only ever aimed at an id that cannot exist (label-form): nothing can change. */
    patchMissing(path: string, body: unknown): Promise<RawOutcome> {
      calls.push(`PATCH ${path}`);
      return raw({ method: 'PATCH', path, body });
    },
    /** Every call made, in order (tests check that the doctor stays read-only). */
    calls: () => [...calls],
  };
}

export type StackOneView = ReturnType<typeof createStackOneView>;
