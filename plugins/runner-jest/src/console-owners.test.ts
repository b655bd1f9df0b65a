import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

// CommonJS for Jest's process, which the test transform does not take as source: the build's output.
const { attributeConsole, placeInFile } = createRequire(import.meta.url)('../dist/console-owners.cjs') as typeof import('./console-owners.cjs');
const PATH = '/p/a.test.js';
const SOURCE = [
  "console.log('module');", // 1
  "describe('d', () => {", // 2
  "  test('a', () => {", // 3
  "    console.log('in a');", // 4
  '  });', // 5
  "  test('b', () => {", // 6
  "    console.log('in b');", // 7
  '  }, 1000);', // 8
  "  afterAll(() => console.log('after'));", // 9
  '});', // 10
  "test.skip('s', () => {});", // 11
  "console.log('end');", // 12
].join('\n');
const TESTS = [
  { location: { line: 3, column: 3 }, ran: true },
  { location: { line: 6, column: 3 }, ran: true },
  { location: { line: 11, column: 6 }, ran: false },
];
const frame = (line: number, column: number, path = PATH) => `    at Object.<anonymous> (${path}:${line}:${column})`;

describe('attributeConsole', () => {
  it("gives each test what its body printed and the file what module scope and hooks after a block's tests printed", () => {
    const entries = [frame(1, 9), frame(4, 13), frame(7, 13), frame(9, 27), frame(12, 9)].map((origin, i) => ({ origin, output: i }));
    expect(attributeConsole(PATH, SOURCE, TESTS, entries)).toEqual({ tests: [[1], [2], []], file: [0, 3, 4] });
  });

  it('takes the first place in the test file from a stack through a helper, and the line alone from Jest 22–24', () => {
    const entries = [
      { origin: [frame(10, 3, '/p/helper.js'), frame(7, 5)].join('\n'), output: 'helper' },
      { origin: `${PATH}:4`, output: 'old' },
      { origin: '/p/helper.js:2', output: 'helper only' },
    ];
    expect(attributeConsole(PATH, SOURCE, TESTS, entries)).toEqual({ tests: [['old'], ['helper'], []], file: ['helper only'] });
  });

  it('ends a body at the next test without the source, and leaves a place several tests share (test.each) on the file', () => {
    const each = [
      { location: { line: 2, column: 1 }, ran: true },
      { location: { line: 2, column: 1 }, ran: true },
      { location: { line: 5, column: 1 }, ran: true },
    ];
    const entries = [frame(3, 3), frame(6, 3)].map((origin, i) => ({ origin, output: i }));
    expect(attributeConsole(PATH, undefined, each, entries)).toEqual({ tests: [[], [], [1]], file: [0] });
  });
});

describe('placeInFile', () => {
  it('reads frames with and without a function name, and nothing from other files or no origin', () => {
    expect(placeInFile(`    at ${PATH}:3:7`, PATH)).toEqual({ line: 3, column: 7 });
    expect(placeInFile(frame(2, 1, '/p/other.js'), PATH)).toBeUndefined();
    expect(placeInFile(undefined, PATH)).toBeUndefined();
  });
});
