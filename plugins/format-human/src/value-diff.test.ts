import { describe, expect, it } from 'vitest';
import { paletteFor } from './palette.js';
import { valueDiff } from './value-diff.js';

const c = paletteFor(false);
const lines = (n: number, change?: [at: number, text: string]) => Array.from({ length: n }, (_, i) => (change && i === change[0] ? change[1] : `line ${i}`)).join('\n');

describe('valueDiff', () => {
  it('marks expected-only lines with - and received-only lines with +', () => {
    expect(valueDiff('4', '3', c)).toEqual(['- Expected', '+ Received', '', '- 4', '+ 3']);
  });

  it('keeps three lines of context and collapses the rest', () => {
    expect(valueDiff(lines(20), lines(20, [10, 'changed']), c)).toEqual(['- Expected', '+ Received', '', '  ...', '  line 7', '  line 8', '  line 9', '- line 10', '+ changed', '  line 11', '  line 12', '  line 13', '  ...']);
  });

  it('treats a missing final newline on one side as no difference', () => {
    expect(valueDiff('a\nb\n', 'a\nc', c)).toEqual(['- Expected', '+ Received', '', '  a', '- b', '+ c']);
  });
});
