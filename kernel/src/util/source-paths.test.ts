import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { relativeInside, resultFileOf, stackFramePath } from './source-paths.js';

describe('source paths', () => {
  it('names a path inside the root relative to it, and nothing outside it', () => {
    expect(relativeInside('/repo', '/repo/src/a.test.ts')).toBe('src/a.test.ts');
    expect(relativeInside('/repo', '/repo')).toBeUndefined();
    expect(relativeInside('/repo', '/other/a.ts')).toBeUndefined();
    expect(relativeInside('/repo', '/repository/a.ts')).toBeUndefined();
  });

  it('names a file reported under the real root the same as under the root', () => {
    expect(resultFileOf('/link', '/real', '/real/src/a.test.ts')).toEqual({ root: '/link', file: 'src/a.test.ts', paths: new Set(['/real/src/a.test.ts', '/link/src/a.test.ts']) });
  });

  it('reads stack-frame paths given as file URLs, absolute or relative paths', () => {
    const abs = join('/repo', 'src', 'a.ts');
    expect(stackFramePath(pathToFileURL(abs).href, '/repo')).toBe(abs);
    expect(stackFramePath(abs, '/elsewhere')).toBe(abs);
    expect(stackFramePath('src/a.ts', '/repo')).toBe(abs);
  });
});
