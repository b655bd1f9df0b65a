import { describe, expect, it } from 'vitest';
import { defaultFormat } from './default-format.js';

describe('defaultFormat', () => {
  it.each([
    [{}, 'human'],
    [{ AQE_AI_OUTPUT: '1' }, 'ai'],
    [{ CLAUDECODE: '1' }, 'ai'],
    [{ CLAUDECODE: '1', AQE_AI_OUTPUT: '0' }, 'human'],
    [{ CLAUDECODE: '0' }, 'human'],
  ])('%j → %s', (env, format) => {
    expect(defaultFormat(env)).toBe(format);
  });
});
