import { describe, expect, it } from 'vitest';
import { validateManifest, validatePluginObject } from './validate.js';

const ok = { name: 'p', version: '1.0.0', apiVersion: '^1', setup() {} };

// Data-driven: each row is one defect and the code + field it must be reported under.
describe('validatePluginObject', () => {
  it('accepts a well-formed plugin', () => {
    expect(validatePluginObject(ok)).toEqual([]);
    expect(validatePluginObject({ ...ok, enforce: 'pre', dispose() {}, description: 'x' })).toEqual([]);
  });

  it.each([
    ['not an object', 42, 'AQE_PLUGIN_INVALID', 'default export'],
    ['missing name', { ...ok, name: '' }, 'AQE_PLUGIN_INVALID', 'name'],
    ['bad version', { ...ok, version: 'one' }, 'AQE_PLUGIN_INVALID', 'version'],
    ['bad apiVersion range', { ...ok, apiVersion: 'banana' }, 'AQE_PLUGIN_INVALID', 'apiVersion'],
    ['apiVersion for another major', { ...ok, apiVersion: '^2' }, 'AQE_PLUGIN_API_MISMATCH', 'apiVersion'],
    ['missing setup', { ...ok, setup: undefined }, 'AQE_PLUGIN_INVALID', 'setup'],
    ['dispose not a function', { ...ok, dispose: 1 }, 'AQE_PLUGIN_INVALID', 'dispose'],
    ['bad enforce', { ...ok, enforce: 'first' }, 'AQE_PLUGIN_INVALID', 'enforce'],
    ['unknown field', { ...ok, setUp() {} }, 'AQE_PLUGIN_INVALID', 'setUp'],
  ])('%s', (_label, value, code, field) => {
    const problems = validatePluginObject(value);
    expect(problems).toContainEqual(expect.objectContaining({ code, field }));
    for (const p of problems) expect(p.fix.length).toBeGreaterThan(0);
  });
});

describe('validateManifest', () => {
  it.each([
    [{ apiVersion: '^1' }, []],
    [{ apiVersion: '^1', entry: './dist/index.js' }, []],
    ['^1', ['AQE_PLUGIN_MANIFEST_INVALID']],
    [{}, ['AQE_PLUGIN_MANIFEST_INVALID']],
    [{ apiVersion: '>=2' }, ['AQE_PLUGIN_API_MISMATCH']],
    [{ apiVersion: '^1', entry: 3 }, ['AQE_PLUGIN_MANIFEST_INVALID']],
  ])('%j', (manifest, codes) => {
    expect(validateManifest(manifest).map((p) => p.code)).toEqual(codes);
  });
});
