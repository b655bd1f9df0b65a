import type { Store } from '@aqe/kernel';
import { describe, expect, it } from 'vitest';
import { defineAgent } from './define-agent.js';

describe('defineAgent', () => {
  it('returns a well-formed agent unchanged', async () => {
    const agent = defineAgent({ name: 'echo', version: '1.0.0', run: (input: string) => input.toUpperCase() });
    expect(await agent.run('hi', { signal: new AbortController().signal, progress() {}, emit() {}, store: {} as Store, agent: { name: 'echo', version: '1.0.0' } })).toBe('HI');
  });

  it('rejects an agent without a name or run', () => {
    expect(() => defineAgent({ name: '', version: '1', run: () => 0 })).toThrow(/name/);
    expect(() => defineAgent({ name: 'x', version: '1' } as never)).toThrow(/"run" must be a function/);
  });
});
