import { describe, expect, it } from 'vitest';
import { signatureOf } from './signature.js';
import { messageTemplate } from './template.js';

describe('messageTemplate masks what changes between occurrences', () => {
  it.each([
    ['expected 162 to be 180 // Object.is equality', 'expected <n> to be <n> // Object.is equality'],
    ['connect ECONNREFUSED 127.0.0.1:40749', 'connect ECONNREFUSED <host>:<n>'],
    ['Snapshot `describes a price 1` mismatched', 'Snapshot <str> mismatched'],
    ["Cannot read properties of undefined (reading 'id')", 'Cannot read properties of undefined (reading <str>)'],
    ['ENOENT: no such file or directory, open /tmp/build-7f3a/out/report.json', 'ENOENT: no such file or directory, open <path>'],
    ['request to https://api.example.com/v2/users/42 failed', 'request to <url> failed'],
    ['user 3f2b9c1e-1a2b-4c3d-9e8f-001122334455 not found', 'user <id> not found'],
    ['commit 9fceb02d0ae598e95dc970b74767f19372d61af8 missing', 'commit <id> missing'],
    ['Test timed out in 5000ms.', 'Test timed out in <n>.'],
    ['\u001b[31mred\u001b[39m   text\n\n  second line', 'red text second line'],
  ])('%j → %j', (message, template) => {
    expect(messageTemplate(message)).toBe(template);
  });
});

describe('signatureOf', () => {
  const stack = (at: string) => `AssertionError: expected 162 to be 180 // Object.is equality\n    at ${at}\n    at file:///repo/node_modules/@vitest/runner/dist/index.js:302:11\n    at new Promise (<anonymous>)`;

  it('takes the error type from the stack and the top frame in the project, relative and without line numbers', () => {
    const sig = signatureOf({ message: 'expected 162 to be 180 // Object.is equality', stack: stack('/repo/tests/price.test.ts:5:38') }, '/repo');
    expect(sig).toMatchObject({ errorType: 'AssertionError', template: 'expected <n> to be <n> // Object.is equality', frame: 'tests/price.test.ts' });
    expect(sig.id).toMatch(/^[0-9a-f]{16}$/);
  });

  it('gives two occurrences of one failure one id, on any checkout and after the line moved', () => {
    const a = signatureOf({ message: 'connect ECONNREFUSED 127.0.0.1:40749', stack: 'Error: connect ECONNREFUSED 127.0.0.1:40749\n    at connectDb (/home/a/repo/src/db.ts:10:3)' }, '/home/a/repo');
    const b = signatureOf({ message: 'connect ECONNREFUSED 127.0.0.1:51234', stack: 'Error: connect ECONNREFUSED 127.0.0.1:51234\n    at connectDb (file:///ci/work/repo/src/db.ts:12:5)' }, '/ci/work/repo');
    expect(a).toEqual(b);
    expect(a.frame).toBe('connectDb (src/db.ts)');
  });

  it('tells different failures apart', () => {
    const a = signatureOf({ message: 'expected 1 to be 2', stack: stack('/repo/tests/a.test.ts:1:1') }, '/repo');
    const b = signatureOf({ message: 'expected 1 to be 2', stack: stack('/repo/tests/b.test.ts:1:1') }, '/repo');
    const c = signatureOf({ message: 'TypeError: x is not a function' }, '/repo');
    expect(new Set([a.id, b.id, c.id]).size).toBe(3);
    expect(c).toMatchObject({ errorType: 'TypeError', template: 'x is not a function' });
    expect(c.frame).toBeUndefined();
  });
});
