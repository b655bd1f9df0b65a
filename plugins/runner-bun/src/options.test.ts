import { describe, expect, it } from 'vitest';
import plugin, { bunRunner } from './index.js';
import { parseOptions } from './options.js';

describe('@aqe/runner-bun options', () => {
  it.each([
    [undefined, {}],
    [{}, {}],
    [{ accelerate: 'jest' }, { accelerate: 'jest' }],
  ])('accepts %j', async (raw, parsed) => {
    expect(await parseOptions(raw)).toEqual(parsed);
  });

  it.each([
    [[], /options must be an object/],
    [{ accelerate: 'mocha' }, /options\.accelerate must be "jest", received "mocha"/],
    [{ acelerate: 'jest' }, /unknown option "acelerate"\. @aqe\/runner-bun accepts only: accelerate/],
  ])('rejects %j with AQE_PLUGIN_OPTIONS_INVALID', async (raw, message) => {
    await expect(parseOptions(raw)).rejects.toThrow(message);
    await expect(parseOptions(raw)).rejects.toMatchObject({ code: 'AQE_PLUGIN_OPTIONS_INVALID' });
  });

  it('registers bun as an accelerator of jest: when asked for by id, or on every run with { accelerate: "jest" }', async () => {
    const added: unknown[] = [];
    const ctx = (options: Record<string, unknown>) => ({ options, runners: { add: (r: unknown) => added.push(r) } }) as unknown as Parameters<typeof plugin.setup>[0];
    await plugin.setup(ctx({}));
    await plugin.setup(ctx({ accelerate: 'jest' }));
    expect(added).toEqual([bunRunner, { ...bunRunner, accelerates: { runner: 'jest', always: true } }]);
    expect(bunRunner.accelerates).toEqual({ runner: 'jest' });
  });
});
