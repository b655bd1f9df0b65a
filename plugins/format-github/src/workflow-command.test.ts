import { describe, expect, it } from 'vitest';
import { annotation, escapeData, escapeProperty } from './workflow-command.js';

describe('workflow command escaping', () => {
  it.each([
    ['100%', '100%25', '100%25'],
    ['a\r\nb', 'a%0D%0Ab', 'a%0D%0Ab'],
    ['a: b, c', 'a: b, c', 'a%3A b%2C c'],
    ['%0A literal', '%250A literal', '%250A literal'],
    ['\u001b[31mred\u001b[39m', 'red', 'red'],
  ])('%j', (raw, data, property) => {
    expect(escapeData(raw)).toBe(data);
    expect(escapeProperty(raw)).toBe(property);
  });

  it('leaves out absent properties and keeps file, line, col, title in order', () => {
    expect(annotation('error', { title: 't', file: 'a.ts' }, 'm')).toBe('::error file=a.ts,title=t::m');
    expect(annotation('warning', {}, 'm')).toBe('::warning::m');
  });
});
