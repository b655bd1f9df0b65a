import type { RunResult } from '@aqe/kernel';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { renderJunit } from './render-junit.js';

const run: RunResult = {
  files: [
    {
      file: 'src/math.test.ts',
      runner: 'vitest',
      status: 'failed',
      durationMs: 31,
      tests: [
        {
          id: 'src/math.test.ts > math > adds',
          file: 'src/math.test.ts',
          titlePath: ['math', 'adds'],
          location: { line: 5, column: 3 },
          status: 'failed',
          durationMs: 3,
          retries: 0,
          error: {
            message: 'expected 3 to be 4 // Object.is equality',
            stack: 'AssertionError: expected 3 to be 4 // Object.is equality\n    at src/math.test.ts:7:17',
            expected: '4',
            actual: '3',
            location: { file: 'src/math.test.ts', line: 7, column: 17 },
          },
        },
        { id: 'src/math.test.ts > math > subtracts', file: 'src/math.test.ts', titlePath: ['math', 'subtracts'], location: { line: 10, column: 3 }, status: 'passed', durationMs: 1.4, retries: 0 },
        { id: 'src/math.test.ts > math > divides', file: 'src/math.test.ts', titlePath: ['math', 'divides'], location: { line: 11, column: 6 }, status: 'skipped', durationMs: 0, retries: 0 },
        { id: 'src/math.test.ts > math > rounds', file: 'src/math.test.ts', titlePath: ['math', 'rounds'], location: { line: 12, column: 6 }, status: 'todo', durationMs: 0, retries: 0 },
      ],
    },
    {
      file: 'src/broken.test.ts',
      runner: 'vitest',
      status: 'failed',
      durationMs: 4,
      tests: [],
      error: { message: "SyntaxError: Unexpected token '}'", stack: "SyntaxError: Unexpected token '}'\n    at src/broken.test.ts:3:1", location: { file: 'src/broken.test.ts', line: 3, column: 1 } },
    },
    {
      file: 'src/escape & "quote".test.ts',
      runner: 'jest',
      status: 'failed',
      durationMs: 2,
      tests: [
        {
          id: 'x',
          file: 'src/escape & "quote".test.ts',
          titlePath: ['<tags> & "quotes"', "it's\tmulti"],
          status: 'failed',
          durationMs: 2,
          retries: 1,
          error: { message: 'line one\nline two \u001b[31mred\u001b[39m \u0001\u0008 ]]> done', stack: 'TypeError: line one\n    at <anonymous>', diff: '- Expected\n+ Received\n\n- <a>\n+ <b>' },
        },
      ],
    },
  ],
  summary: { files: 3, tests: 5, passed: 1, failed: 2, skipped: 1, todo: 1, durationMs: 1534.4 },
};

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', htmlEntities: true, parseAttributeValue: false, parseTagValue: false, trimValues: false, isArray: (name) => ['testsuite', 'testcase'].includes(name) });

/** Characters XML 1.0 does not allow anywhere in a document, even as references. */
const illegal = (xml: string) =>
  [...xml].filter((ch) => {
    const code = ch.codePointAt(0)!;
    return (code < 0x20 && ![0x09, 0x0a, 0x0d].includes(code)) || code === 0xfffe || code === 0xffff || (code >= 0xd800 && code <= 0xdfff);
  });

describe('renderJunit', () => {
  const xml = renderJunit(run);

  it('writes the report CI servers read, suites sorted by file', () => {
    expect(xml).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<testsuites name="aqe" tests="6" failures="2" errors="1" skipped="2" time="1.534">',
        '  <testsuite name="src/broken.test.ts" tests="1" failures="0" errors="1" skipped="0" time="0.004">',
        '    <testcase classname="src/broken.test.ts" name="src/broken.test.ts" file="src/broken.test.ts" line="3" time="0.000">',
        '      <error message="SyntaxError: Unexpected token \'}\'" type="SyntaxError">SyntaxError: Unexpected token \'}\'',
        '    at src/broken.test.ts:3:1</error>',
        '    </testcase>',
        '  </testsuite>',
        '  <testsuite name="src/escape &amp; &quot;quote&quot;.test.ts" tests="1" failures="1" errors="0" skipped="0" time="0.002">',
        '    <testcase classname="src/escape &amp; &quot;quote&quot;.test.ts" name="&lt;tags&gt; &amp; &quot;quotes&quot; &gt; it\'s&#9;multi" file="src/escape &amp; &quot;quote&quot;.test.ts" time="0.002">',
        '      <failure message="line one&#10;line two red \\u0001\\u0008 ]]&gt; done" type="TypeError">TypeError: line one',
        '    at &lt;anonymous&gt;',
        '',
        '- Expected',
        '+ Received',
        '',
        '- &lt;a&gt;',
        '+ &lt;b&gt;</failure>',
        '    </testcase>',
        '  </testsuite>',
        '  <testsuite name="src/math.test.ts" tests="4" failures="1" errors="0" skipped="2" time="0.031">',
        '    <testcase classname="src/math.test.ts" name="math &gt; adds" file="src/math.test.ts" line="5" time="0.003">',
        '      <failure message="expected 3 to be 4 // Object.is equality" type="AssertionError">AssertionError: expected 3 to be 4 // Object.is equality',
        '    at src/math.test.ts:7:17',
        '',
        'Expected:',
        '4',
        '',
        'Received:',
        '3</failure>',
        '    </testcase>',
        '    <testcase classname="src/math.test.ts" name="math &gt; subtracts" file="src/math.test.ts" line="10" time="0.001"/>',
        '    <testcase classname="src/math.test.ts" name="math &gt; divides" file="src/math.test.ts" line="11" time="0.000">',
        '      <skipped/>',
        '    </testcase>',
        '    <testcase classname="src/math.test.ts" name="math &gt; rounds" file="src/math.test.ts" line="12" time="0.000">',
        '      <skipped message="todo"/>',
        '    </testcase>',
        '  </testsuite>',
        '</testsuites>',
        '',
      ].join('\n'),
    );
  });

  it('is well-formed XML with no character XML 1.0 forbids', () => {
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(illegal(xml)).toEqual([]);
  });

  it('parses back to the same names, messages and counts', () => {
    const doc = parser.parse(xml);
    const suites = doc.testsuites.testsuite as { name: string; tests: string; testcase: { name: string; failure?: { message: string; '#text': string } }[] }[];
    expect(suites.map((s) => [s.name, s.tests])).toEqual([
      ['src/broken.test.ts', '1'],
      ['src/escape & "quote".test.ts', '1'],
      ['src/math.test.ts', '4'],
    ]);
    const odd = suites[1]!.testcase[0]!;
    expect(odd.name).toBe('<tags> & "quotes" > it\'s\tmulti');
    expect(odd.failure!.message).toBe('line one\nline two red \\u0001\\u0008 ]]> done');
    expect(odd.failure!['#text']).toContain('- <a>\n+ <b>');
    expect(doc.testsuites.tests).toBe('6');
  });

  it('replaces lone surrogates and U+FFFF, and keeps other characters', () => {
    const weird: RunResult = structuredClone(run);
    weird.files[0]!.tests[0]!.error!.message = 'bad \ud800 and \uffff; fine: ✓ é 😀 \u007f';
    const out = renderJunit(weird);
    expect(illegal(out)).toEqual([]);
    expect(out).toContain('message="bad \\ud800 and \\uffff; fine: ✓ é 😀 \u007f"');
    expect(XMLValidator.validate(out)).toBe(true);
  });

  it.each([
    ['Error: boom\n    at x', 'Error'],
    ['RangeError: too far', 'RangeError'],
    ['expected 1 to be 2', 'AssertionError'],
    ['ErrorProne thing', 'AssertionError'],
  ])('types a failure with the class its stack starts with: %j', (stack, type) => {
    const typed: RunResult = structuredClone(run);
    typed.files[0]!.tests[0]!.error!.stack = stack;
    expect(renderJunit(typed)).toContain(`type="${type}">`);
  });

  it('is byte-identical for the same result, whatever order the files arrived in', () => {
    const reversed: RunResult = { ...structuredClone(run), files: [...structuredClone(run).files].reverse() };
    expect(renderJunit(reversed)).toBe(xml);
  });

  it('writes an empty run as an empty testsuites element', () => {
    expect(renderJunit({ files: [], summary: { files: 0, tests: 0, passed: 0, failed: 0, skipped: 0, todo: 0, durationMs: 2 } })).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="aqe" tests="0" failures="0" errors="0" skipped="0" time="0.002">\n</testsuites>\n',
    );
  });
});

describe('console output', () => {
  it("puts what a test printed in its <system-out>/<system-err>, and a file's own output on its suite", () => {
    const printed: RunResult = {
      files: [
        {
          file: 'a.test.js',
          runner: 'jest',
          status: 'failed',
          durationMs: 1,
          output: [{ stream: 'stdout', text: 'loading <fixtures>\n' }],
          tests: [
            {
              id: 'a.test.js > t',
              file: 'a.test.js',
              titlePath: ['t'],
              status: 'failed',
              durationMs: 1,
              retries: 0,
              error: { message: 'boom' },
              output: [
                { stream: 'stdout', text: 'step 1\n' },
                { stream: 'stderr', text: 'warn & stop\n' },
              ],
            },
          ],
        },
      ],
      summary: { files: 1, tests: 1, passed: 0, failed: 1, skipped: 0, todo: 0, durationMs: 1 },
    };
    const xml = renderJunit(printed);
    expect(XMLValidator.validate(xml)).toBe(true);
    const suite = new XMLParser().parse(xml).testsuites.testsuite;
    expect(suite.testcase['system-out']).toBe('step 1');
    expect(suite.testcase['system-err']).toBe('warn & stop');
    expect(suite['system-out']).toBe('loading <fixtures>');
  });
});
