import { describe, expect, it } from 'vitest';
import { bunTestScript, passesFilters } from './script-args.js';

describe('bunTestScript', () => {
  it('reads the test script’s bun test options and filters, dropping what aqe decides', () => {
    expect(bunTestScript({ scripts: { test: 'bun test --preload ./setup.ts --timeout 20000 --coverage --reporter junit ./src util' } })).toEqual({
      options: ['--preload', './setup.ts', '--timeout', '20000'],
      filters: ['./src', 'util'],
    });
  });

  it('follows bun run to the script with bun test, and ignores bun run test', () => {
    expect(bunTestScript({ scripts: { test: 'bun run test:unit', 'test:unit': 'NODE_ENV=test bun test --bail -t x ./a' } })).toEqual({ options: [], filters: ['./a'] });
    expect(bunTestScript({ scripts: { test: 'bun run build', build: 'bun build.ts' } })).toBeUndefined();
  });
});

describe('passesFilters', () => {
  it('reads ./paths as paths and other words as substrings, as bun does', () => {
    expect(passesFilters('src/a.test.ts', [])).toBe(true);
    expect(passesFilters('src/a.test.ts', ['./src'])).toBe(true);
    expect(passesFilters('src/a.test.ts', ['./src/'])).toBe(true);
    expect(passesFilters('srcx/a.test.ts', ['./src'])).toBe(false);
    expect(passesFilters('src/a.test.ts', ['a.test'])).toBe(true);
    expect(passesFilters('lib/b.test.ts', ['./src', 'a.test'])).toBe(false);
  });
});
