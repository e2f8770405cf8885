import { describe, expect, it, vi } from 'vitest';

describe('the unit set-up', () => {
  it.fails('fails a test that writes an unexpected console.error', () => {
    console.error('something went wrong');
  });

  it('passes a test that expects its console.error and silences it', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    console.error('expected');
    expect(error).toHaveBeenCalledWith('expected');
  });
});
