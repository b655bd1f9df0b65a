import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ImportClosure } from './import-closure.js';
import type { JestProjectRules } from './jest-config.js';
import { jestOnlyReason } from './jest-only.js';

const root = mkdtempSync(join(tmpdir(), 'aqe-jest-only-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const files: Record<string, string> = {
  'src/button.js': "const styles = require('./button.css');\nexports.name = () => styles.button;\n",
  'src/button.css': '.button {}\n',
  'src/app.vue': '<template></template>\n',
  'src/sum.js': 'exports.sum = (a, b) => a + b;\n',
  'tests/button.test.js': "import { name } from '../src/button';\n",
  'tests/alias.test.js': "const { sum } = require('@lib/sum');\n",
  'tests/vue.test.js': "import App from '../src/app.vue';\n",
  'tests/plain.test.js': "const { sum } = require('../src/sum');\n",
  'chai-setup.js': "global.chai = require('chai');\nglobal.expect = global.chai.expect;\n",
  // Spelt in two parts: Vitest would take the pragma as this very file's environment.
  'tests/dom.test.js': `/**\n * @jest-${'environment'} jsdom\n */\nrequire('../src/sum');\n`,
};
for (const [path, text] of Object.entries(files)) {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
}
const project = (rules: Partial<JestProjectRules>): JestProjectRules[] => [{ roots: [root], mappers: [], transforms: [], setupFiles: [], globals: {}, ...rules }];
const reason = (file: string, rules: Partial<JestProjectRules>) => jestOnlyReason(root, file, project(rules), new ImportClosure());

describe('jestOnlyReason', () => {
  it('sends a file to Jest when a module it loads, directly or through the project’s modules, is mapped', () => {
    const rules = { mappers: [/\.css$/, /^@lib\/(.*)$/] };
    expect(reason('tests/button.test.js', rules)).toMatch(/moduleNameMapper maps '\.\/button\.css'/);
    expect(reason('tests/alias.test.js', rules)).toMatch(/moduleNameMapper maps '@lib\/sum'/);
    expect(reason('tests/plain.test.js', rules)).toBeUndefined();
  });

  it('sends a file to Jest when it loads a file only a non-compiler transform handles', () => {
    const rules = { transforms: [{ pattern: /\.vue$/, transformer: `${root}/node_modules/@vue/vue3-jest/index.js` }] };
    expect(reason('tests/vue.test.js', rules)).toBe('Jest transforms src/app.vue with @vue/vue3-jest, which bun test does not run');
    expect(reason('tests/plain.test.js', rules)).toBeUndefined();
  });

  it('sends DOM tests to Jest: a jsdom testEnvironment, or a file’s own @jest-environment', () => {
    expect(reason('tests/plain.test.js', { environment: '/x/node_modules/jest-environment-jsdom/build/index.js' })).toMatch(/testEnvironment is jest-environment-jsdom/);
    expect(reason('tests/dom.test.js', {})).toMatch(/its .jest-environment is jsdom/);
    expect(reason('tests/plain.test.js', {})).toBeUndefined();
  });

  it('sends a file to Jest when its setup replaces expect, which bun’s own expect shadows', () => {
    expect(reason('tests/plain.test.js', { setupFiles: [join(root, 'chai-setup.js')] })).toBe("its setup file chai-setup.js replaces expect, which bun test's own expect shadows");
  });
});
