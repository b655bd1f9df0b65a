import { describe, expect, it } from 'vitest';
import { pathFilter } from './path-filter.js';

const files = ['packages/ui/src/button.test.ts', 'src/math.test.ts', 'src/math/deep.test.ts'];

describe('pathFilter', () => {
  it('matches as Vitest filters do: any part of the path, a directory, an absolute path', () => {
    const match = (...paths: string[]) => files.filter(pathFilter('/repo', paths).matches);
    expect(match()).toEqual(files);
    expect(match('math')).toEqual(['src/math.test.ts', 'src/math/deep.test.ts']);
    expect(match('./src/math/')).toEqual(['src/math/deep.test.ts']);
    expect(match('/repo/packages/ui')).toEqual(['packages/ui/src/button.test.ts']);
    expect(match('/elsewhere/src')).toEqual([]);
  });

  it('names the filters that matched nothing, and says when a path does not exist', () => {
    const filter = pathFilter('/repo', ['math', 'nope']);
    expect(filter.unmatched(files)).toEqual(['nope']);
    expect(pathFilter('/repo', ['nope']).describe('/repo')).toBe('no test file matches "nope" (no such file or directory)');
  });
});
