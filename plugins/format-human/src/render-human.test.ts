import type { DoctorReport, FormatterInput, PluginReport, RunResult } from '@aqe/kernel';
import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import { renderHuman } from './render-human.js';

const activePlugin: PluginReport = {
  name: '@aqe/format-json',
  version: '0.1.0',
  source: 'builtin',
  from: '@aqe/format-json',
  status: 'active',
  capabilities: [{ kind: 'formatters', id: 'json' }],
  problems: [],
};

const invalidPlugin: PluginReport = {
  name: 'aqe-plugin-old',
  version: '2.0.0',
  source: 'config',
  from: './plugins/old',
  status: 'invalid',
  capabilities: [],
  problems: [
    {
      code: 'AQE_PLUGIN_API_MISMATCH',
      field: 'apiVersion',
      message: 'apiVersion "^2" does not accept the kernel\'s plugin API 1.0.0',
      fix: 'Upgrade the plugin to one written for API ^1',
    },
  ],
};

const failedPlugin: PluginReport = {
  name: 'cache-two',
  version: '1.0.0',
  source: 'installed',
  from: 'cache-two',
  status: 'failed',
  capabilities: [
    { kind: 'cacheBackends', id: 'two' },
    { kind: 'mcpTools', id: 'two-stats' },
  ],
  problems: [{ code: 'AQE_PLUGIN_SETUP_FAILED', field: 'setup', message: 'setup threw: boom', fix: "Fix the plugin's setup" }],
};

const healthyDoctor: DoctorReport = {
  node: { version: 'v20.19.0', ok: true, required: '>=20.19.0' },
  store: { path: '.aqe/store', ok: true, drops: 0 },
  plugins: [activePlugin],
  frameworks: [
    { runner: 'vitest', version: '4.1.12', configFiles: ['packages/a/vitest.config.ts', 'vitest.config.ts'] },
    { runner: 'node', configFiles: [] },
  ],
  ok: true,
};

const failingRun: RunResult = {
  files: [
    {
      file: 'src/math.test.ts',
      runner: 'vitest',
      status: 'failed',
      durationMs: 20,
      tests: [
        { id: 'a', file: 'src/math.test.ts', titlePath: ['math', 'adds'], status: 'failed', durationMs: 2, retries: 0, error: { message: 'expected 3 to be 4\n\n- Expected\n+ Received' } },
        { id: 'b', file: 'src/math.test.ts', titlePath: ['math', 'subtracts'], status: 'passed', durationMs: 1, retries: 0 },
        { id: 'c', file: 'src/math.test.ts', titlePath: ['math', 'divides'], status: 'todo', durationMs: 0, retries: 0 },
      ],
    },
    { file: 'src/broken.test.ts', runner: 'vitest', status: 'failed', durationMs: 5, tests: [], error: { message: 'SyntaxError: Unexpected token' } },
    { file: 'src/cached.test.ts', runner: 'vitest', status: 'cached', durationMs: 0, tests: [{ id: 'd', file: 'src/cached.test.ts', titlePath: ['ok'], status: 'passed', durationMs: 1, retries: 0 }] },
  ],
  summary: { files: 3, tests: 4, passed: 2, failed: 1, skipped: 0, todo: 1, durationMs: 1234 },
};

const options = { cwd: process.cwd() };
const plain = (input: FormatterInput) => renderHuman(input, { ...options, interactive: false });

// One case per kind: the exact text a user sees without colour.
const cases: { name: string; input: FormatterInput; expected: string[] }[] = [
  {
    name: 'plugins with problems under invalid and failed rows',
    input: { kind: 'plugins', data: [activePlugin, invalidPlugin, failedPlugin] },
    expected: [
      'name              version  source     status   capabilities',
      '@aqe/format-json  0.1.0    builtin    active   formatters:json',
      'aqe-plugin-old    2.0.0    config     invalid  -',
      '    ✗ AQE_PLUGIN_API_MISMATCH [apiVersion] apiVersion "^2" does not accept the kernel\'s plugin API 1.0.0',
      '      fix: Upgrade the plugin to one written for API ^1',
      'cache-two         1.0.0    installed  failed   cacheBackends:two, mcpTools:two-stats',
      '    ✗ AQE_PLUGIN_SETUP_FAILED [setup] setup threw: boom',
      "      fix: Fix the plugin's setup",
      '',
      '3 plugins: 1 active, 1 invalid, 1 failed',
    ],
  },
  { name: 'no plugins', input: { kind: 'plugins', data: [] }, expected: ['No plugins loaded.'] },
  {
    name: 'a healthy doctor report',
    input: { kind: 'doctor', data: healthyDoctor },
    expected: [
      'Node',
      '  ✓ v20.19.0 (aqe requires node >=20.19.0)',
      '',
      'Store',
      '  ✓ .aqe/store',
      '',
      'Plugins',
      '  name              version  source   status  capabilities',
      '  @aqe/format-json  0.1.0    builtin  active  formatters:json',
      '  1 plugin: 1 active',
      '',
      'Frameworks',
      '  runner  version  config',
      '  vitest  4.1.12   packages/a/vitest.config.ts, vitest.config.ts',
      '  node    -        -',
      '',
      '✓ ok: no problems found',
    ],
  },
  {
    name: 'a doctor report with problems',
    input: {
      kind: 'doctor',
      data: {
        node: { version: 'v18.0.0', ok: false, required: '>=20.19.0' },
        store: { path: '.aqe/store', ok: true, recovered: 'moved aside to .aqe/store.corrupt-1 (bad header)', drops: 2 },
        plugins: [invalidPlugin],
        frameworks: [],
        ok: false,
      },
    },
    expected: [
      'Node',
      '  ✗ v18.0.0 (aqe requires node >=20.19.0)',
      '    fix: install a Node.js version that satisfies >=20.19.0',
      '',
      'Store',
      '  ✓ .aqe/store',
      '    recovered: moved aside to .aqe/store.corrupt-1 (bad header)',
      '    2 bad records dropped (rebuilt from source)',
      '',
      'Plugins',
      '  name            version  source  status   capabilities',
      '  aqe-plugin-old  2.0.0    config  invalid  -',
      '      ✗ AQE_PLUGIN_API_MISMATCH [apiVersion] apiVersion "^2" does not accept the kernel\'s plugin API 1.0.0',
      '        fix: Upgrade the plugin to one written for API ^1',
      '  1 plugin: 1 invalid',
      '',
      'Frameworks',
      '  none detected',
      '',
      '✗ problems: node, 1 plugin',
    ],
  },
  {
    name: 'a config tree',
    input: {
      kind: 'config',
      data: {
        plugins: [
          { spec: '@aqe/cache-lmdb', options: { ttlMs: 60000 } },
          { spec: './local', options: {} },
        ],
        strict: false,
        storeDir: '.aqe/store',
        disable: [],
        source: null,
        label: '123',
      },
    },
    expected: ['plugins:', '  - spec: @aqe/cache-lmdb', '    options:', '      ttlMs: 60000', '  - spec: ./local', '    options: {}', 'strict: false', 'storeDir: .aqe/store', 'disable: []', 'source: null', 'label: "123"'],
  },
  {
    name: 'discovered files per runner',
    input: {
      kind: 'discover',
      data: {
        runners: [
          { runner: 'vitest', files: ['src/a.test.ts', 'src/b.test.ts'], configFiles: ['vitest.config.ts'], cached: true },
          { runner: 'jest', files: ['legacy/c.test.js'], configFiles: [], cached: false },
          { runner: 'playwright', files: [], configFiles: ['playwright.config.ts'], cached: false, error: { code: 'AQE_RUNNER_CONFIG_FAILED', message: 'could not load playwright.config.ts' } },
        ],
        total: 3,
      },
    },
    expected: [
      'vitest      2 files  vitest.config.ts (cached)',
      '  src/a.test.ts',
      '  src/b.test.ts',
      '',
      'jest        1 file   no config file',
      '  legacy/c.test.js',
      '',
      'playwright  0 files  playwright.config.ts',
      '  ✗ AQE_RUNNER_CONFIG_FAILED could not load playwright.config.ts',
      '',
      '3 test files (3 runners)',
    ],
  },
  { name: 'nothing discovered', input: { kind: 'discover', data: { runners: [], total: 0 } }, expected: ['No test runners detected.'] },
  {
    name: 'a run with failures',
    input: { kind: 'run', data: failingRun },
    expected: [
      'FAIL src/math.test.ts',
      '  ✗ math > adds',
      '    expected 3 to be 4',
      '',
      '    - Expected',
      '    + Received',
      '',
      'FAIL src/broken.test.ts',
      '  ✗ error outside any test (the file failed to load, or its runner crashed)',
      '    SyntaxError: Unexpected token',
      '',
      ' Files  2 failed | 1 cached (3)',
      ' Tests  1 failed | 2 passed | 1 todo (4)',
      '  Time  1.23 s',
    ],
  },
  {
    name: 'an empty run',
    input: { kind: 'run', data: { files: [], summary: { files: 0, tests: 0, passed: 0, failed: 0, skipped: 0, todo: 0, durationMs: 3 } } },
    expected: [' Files  0', ' Tests  0', '  Time  3 ms'],
  },
];

describe('renderHuman', () => {
  it.each(cases)('renders $name', ({ input, expected }) => {
    expect(plain(input)).toBe(`${expected.join('\n')}\n`);
  });

  it.each(cases)('colours $name only when interactive, changing nothing but escapes', ({ input }) => {
    const text = plain(input);
    expect(text).not.toContain('\u001b[');
    const coloured = renderHuman(input, { ...options, interactive: true });
    expect(stripVTControlCharacters(coloured)).toBe(text);
  });

  it('uses colour for statuses when interactive', () => {
    expect(renderHuman({ kind: 'plugins', data: [activePlugin] }, { ...options, interactive: true })).toContain('\u001b[32mactive\u001b[39m');
  });

  it('is byte-identical for identical input', () => {
    for (const { input } of cases) expect(plain(structuredClone(input))).toBe(plain(input));
  });

  it('names an input kind it does not know', () => {
    expect(() => plain({ kind: 'coverage', data: {} } as unknown as FormatterInput)).toThrow('cannot render kind "coverage"');
  });
});
