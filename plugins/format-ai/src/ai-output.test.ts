import { readFileSync } from 'node:fs';
import type { FormatterInput } from '@aqe/kernel';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import plugin from './index.js';

const schema = JSON.parse(readFileSync(new URL('../../../docs/schema/ai-output.v1.json', import.meta.url), 'utf8'));
const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);

function render(input: FormatterInput): string {
  let formatter: { render(i: FormatterInput, o: { interactive: boolean }): string } | undefined;
  const add = (f: never) => {
    formatter = f;
  };
  plugin.setup({ formatters: { add } } as never);
  return formatter!.render(input, { interactive: true, cwd: '/project' });
}

const inputs: FormatterInput[] = [
  {
    kind: 'discover',
    data: {
      total: 3,
      runners: [
        { runner: 'vitest', files: ['a.test.ts', 'b.test.ts'], configFiles: ['vitest.config.ts'], cached: true },
        { runner: 'jest', files: ['c.test.js'], configFiles: [], cached: false },
      ],
    },
  },
  { kind: 'discover', data: { total: 0, runners: [{ runner: 'jest', files: [], configFiles: ['jest.config.js'], cached: false, error: { code: 'AQE_RUNNER_CONFIG_FAILED', message: 'could not load jest.config.js' } }] } },
  {
    kind: 'run',
    data: {
      summary: { files: 1, tests: 2, passed: 1, failed: 1, skipped: 0, todo: 0, durationMs: 12 },
      files: [
        {
          file: 'a.test.ts',
          runner: 'vitest',
          status: 'failed',
          durationMs: 12,
          tests: [
            { id: 'a.test.ts > adds', file: 'a.test.ts', titlePath: ['adds'], status: 'passed', durationMs: 1, retries: 0 },
            { id: 'a.test.ts > subtracts', file: 'a.test.ts', titlePath: ['subtracts'], location: { line: 4, column: 3 }, status: 'failed', durationMs: 2, retries: 0, error: { message: 'expected 1 to be 2', expected: '2', actual: '1' } },
          ],
        },
      ],
    },
  },
  { kind: 'plugins', data: [{ name: 'x', version: '1.0.0', source: 'config', from: './x', status: 'invalid', capabilities: [], problems: [{ code: 'AQE_PLUGIN_INVALID', field: 'setup', message: 'm', fix: 'f' }] }] },
  { kind: 'config', data: { strict: false } },
];

describe('ai formatter', () => {
  it.each(inputs.map((i) => [i.kind, i]))('%s output is valid against the v1 schema', (_kind, input) => {
    const out = JSON.parse(render(input));
    expect(validate(out), JSON.stringify(validate.errors)).toBe(true);
  });

  it('is byte-identical for identical input and lists failures, not passes', () => {
    const run = inputs[2]!;
    expect(render(run)).toBe(render(structuredClone(run)));
    const out = JSON.parse(render(run));
    expect(out).toMatchObject({ outputType: 'test_results', status: 'failure' });
    expect(out.data.failures).toEqual([{ id: 'a.test.ts > subtracts', file: 'a.test.ts', titlePath: ['subtracts'], line: 4, column: 3, message: 'expected 1 to be 2', expected: '2', actual: '1' }]);
    expect(out.actionSuggestions[0]).toMatchObject({ action: 'fix_test_failures', priority: 'high', targetFiles: ['a.test.ts'], automation: { command: 'npx aqe run a.test.ts' } });
    expect(out.summary.durationMs).toBeUndefined();
  });

  it('says what to do when discovery finds nothing or a config is broken', () => {
    const out = JSON.parse(render(inputs[1]!));
    expect(out).toMatchObject({ outputType: 'discovery', status: 'error', errors: [{ code: 'AQE_RUNNER_CONFIG_FAILED' }] });
    expect(out.actionSuggestions[0]).toMatchObject({ action: 'fix_runner_config', automation: { command: 'npx aqe discover --runner jest --no-cache' } });
  });
});
