import { describe, expect, it } from 'vitest';
import { fileError, locate, testError } from './normalise-error.js';

const file = { abs: '/p/test/a.test.js', rel: 'test/a.test.js' };

describe('testError', () => {
  it('strips colours, keeps the assertion diff and finds the frame in the test file', () => {
    const error = testError(
      {
        message: '\u001b[31mExpected values to be strictly deep-equal:\n+ actual - expected\n\n  {\n+   a: 1\n-   a: 2\n  }\u001b[39m',
        stack: 'AssertionError [ERR_ASSERTION]: Expected…\n    at helper (file:///p/test/helper.js:2:3)\n    at TestContext.<anonymous> (file:///p/test/a.test.js:7:11)',
        expected: '{ a: 2 }',
        actual: '{ a: 1 }',
      },
      file,
    );
    expect(error.message).not.toContain('\u001b');
    expect(error.diff).toBe('+ actual - expected\n\n  {\n+   a: 1\n-   a: 2\n  }');
    expect(error).toMatchObject({ expected: '{ a: 2 }', actual: '{ a: 1 }', location: { file: 'test/a.test.js', line: 7, column: 11 } });
  });

  it('reads CommonJS frames (plain paths)', () => {
    expect(locate('Error: x\n    at Object.<anonymous> (/p/test/a.test.js:3:9)', file)).toEqual({ file: 'test/a.test.js', line: 3, column: 9 });
    expect(locate('Error: x\n    at /p/test/other.test.js:3:9', file)).toBeUndefined();
  });
});

describe('fileError', () => {
  it('takes the uncaught error from stderr, with the caret’s column', () => {
    const stderr = [
      'file:///p/test/a.test.js:4\n',
      '  const value = ;\n',
      '                ^\n',
      '\n',
      "SyntaxError: Unexpected token ';'\n",
      '    at compileSourceTextModule (node:internal/modules/esm/utils:346:16)\n',
      '\n',
      'Node.js v20.20.2\n',
    ];
    const error = fileError({ message: 'test failed', failureType: 'testCodeFailure', exitCode: 1, signal: null }, stderr, file);
    expect(error.message).toBe("SyntaxError: Unexpected token ';'");
    expect(error.location).toEqual({ file: 'test/a.test.js', line: 4, column: 17 });
    expect(error.stack).not.toContain('Node.js v20');
  });

  it('says how the process ended when it printed no error', () => {
    expect(fileError({ message: 'test failed', exitCode: 3, signal: null }, [], file).message).toBe("the test file's process exited with code 3");
    expect(fileError({ message: 'test failed', exitCode: null, signal: 'SIGKILL' }, ['killed\n'], file).message).toBe("the test file's process was killed by SIGKILL: killed");
  });
});
