import { describe, expect, it } from 'vitest';
import { isInteractive } from './interactive.js';

const tty = { isTTY: true };

describe('isInteractive', () => {
  it.each([
    ['a terminal', {}, tty, true],
    ['a pipe', {}, { isTTY: false }, false],
    ['CI=true', { CI: 'true' }, tty, false],
    ['CI=1', { CI: '1' }, tty, false],
    ['CI=false', { CI: 'false' }, tty, true],
    ['CI=0', { CI: '0' }, tty, true],
    ['NO_COLOR=1', { NO_COLOR: '1' }, tty, false],
    ['NO_COLOR empty', { NO_COLOR: '' }, tty, true],
  ])('%s → %s', (_case, env, stdout, expected) => {
    expect(isInteractive(env, stdout)).toBe(expected);
  });
});
