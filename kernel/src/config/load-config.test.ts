import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../errors.js';
import { tempProject } from '../test-support/temp-project.js';
import { loadConfig } from './load-config.js';

const projects: { cleanup(): void }[] = [];
const project = (files: Record<string, string | object>) => {
  const p = tempProject(files);
  projects.push(p);
  return p.dir;
};
afterEach(() => {
  for (const p of projects.splice(0)) p.cleanup();
});

describe('loadConfig', () => {
  it('uses defaults when there is no config', async () => {
    const c = await loadConfig(project({}));
    expect(c).toMatchObject({ plugins: [], strict: false, hookTimeoutMs: 10_000, storeDir: '.aqe/store', source: null });
  });

  it.each([
    ['aqe.config.json', '{ "strict": true }'],
    ['aqe.config.mjs', 'export default { strict: true }'],
    ['aqe.config.js', 'export default { strict: true }'],
    ['aqe.config.ts', 'const c: { strict: boolean } = { strict: true };\nexport default c;'],
  ])('reads %s', async (file, content) => {
    const c = await loadConfig(project({ 'package.json': { type: 'module' }, [file]: content }));
    expect(c.strict).toBe(true);
    expect(c.source).toBe(file);
  });

  it('prefers aqe.config.ts over .json and falls back to package.json#aqe', async () => {
    expect((await loadConfig(project({ 'aqe.config.ts': 'export default { strict: true }', 'aqe.config.json': '{}' }))).source).toBe('aqe.config.ts');
    const c = await loadConfig(project({ 'package.json': { name: 'x', aqe: { plugins: ['a', ['b', { level: 2 }]] } } }));
    expect(c.source).toBe('package.json#aqe');
    expect(c.plugins).toEqual([
      { spec: 'a', options: {} },
      { spec: 'b', options: { level: 2 } },
    ]);
  });

  it.each([
    [{ colour: true }, 'colour', /unknown key `colour`/],
    [{ strict: 'yes' }, 'strict', /`strict` expected boolean, received string/],
    [{ hookTimeoutMs: '5' }, 'hookTimeoutMs', /`hookTimeoutMs` expected number, received string/],
    [{ plugins: ['ok', 42] }, 'plugins[1]', /`plugins\[1\]` expected .*received number/],
    [{ plugins: 'a' }, 'plugins', /`plugins` expected array, received string/],
  ])('rejects %j naming the key path', async (config, path, message) => {
    const dir = project({ 'aqe.config.json': JSON.stringify(config) });
    const error = await loadConfig(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect(error).toMatchObject({ code: 'AQE_CONFIG_INVALID', keyPath: path, file: 'aqe.config.json' });
    expect((error as Error).message).toMatch(message);
  });

  it('reports a config that fails to load with the file name', async () => {
    const error = await loadConfig(project({ 'aqe.config.json': '{ nope' })).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'AQE_CONFIG_LOAD_FAILED', file: 'aqe.config.json' });
  });

  it('reports a missing --config file', async () => {
    const error = await loadConfig(project({}), 'missing.json').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'AQE_CONFIG_NOT_FOUND' });
  });

  it('validates inline configs too', async () => {
    await expect(loadConfig(project({}), { nope: 1 } as never)).rejects.toMatchObject({ code: 'AQE_CONFIG_INVALID', file: '<inline>' });
  });
});
