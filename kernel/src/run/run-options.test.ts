import { describe, expect, it } from 'vitest';
import { validateRunOptions } from './run-options.js';

describe('validateRunOptions', () => {
  it.each([
    [{ testNamePattern: '(' }, 'testNamePattern', /testNamePattern "\(" is not a valid regular expression/],
    [{ retries: -1 }, 'retries', /retries/],
    [{ shard: { index: 3, count: 2 } }, 'shard.index', /index must not exceed count/],
    [{ paths: ['a', 1] }, 'paths[1]', /paths\[1\] expected string/],
    [{ bail: 0 }, 'bail', /bail/],
  ])('rejects %j naming the option', async (options, field, message) => {
    const error = await validateRunOptions(options as never).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'AQE_RUN_OPTIONS_INVALID', field });
    expect((error as Error).message).toMatch(message);
  });

  it('accepts what the CLI and the MCP server send, callbacks and signal included', async () => {
    await expect(validateRunOptions({ paths: ['src'], testNamePattern: 'adds', bail: 2, retries: 1, shard: { index: 1, count: 2 }, signal: new AbortController().signal, onFileStart: () => {} })).resolves.toBeUndefined();
  });
});
