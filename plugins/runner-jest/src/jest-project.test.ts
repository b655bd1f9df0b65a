import { describe, expect, it } from 'vitest';
import { scriptConfig } from './jest-project.js';

const withTest = (test: string) => ({ scripts: { test } });

describe('scriptConfig', () => {
  it.each([
    ['jest --config ./scripts/jest/jest.config.js', './scripts/jest/jest.config.js'],
    ['jest --config=jest.ci.config.js --coverage', 'jest.ci.config.js'],
    ['cross-env TZ=UTC jest -c "config/jest.json"', 'config/jest.json'],
    ['jest -c=config/jest.json && eslint .', 'config/jest.json'],
    ['jest --coverage', undefined],
    // Another command's --config is not Jest's.
    ['jest && tsc --config tsconfig.build.json', undefined],
    // An inline JSON config: Jest's own lookup decides.
    ['jest --config {"testMatch":["**/*.t.js"]}', undefined],
    ['vitest --config vitest.config.ts', undefined],
  ])('%s → %s', (test, config) => {
    expect(scriptConfig(withTest(test))).toBe(config);
  });

  it('follows the test script to the script that runs jest, and is undefined when none does', () => {
    expect(scriptConfig({ scripts: { test: 'npm run lint && npm run unit', unit: 'jest -c unit.config.js', lint: 'eslint .' } })).toBe('unit.config.js');
    expect(scriptConfig({})).toBeUndefined();
    expect(scriptConfig({ scripts: { build: 'tsc' } })).toBeUndefined();
  });
});
