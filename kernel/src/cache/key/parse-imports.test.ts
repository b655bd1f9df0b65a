import { beforeAll, describe, expect, it } from 'vitest';
import { importSpecifiers, initParser } from './parse-imports.js';

beforeAll(() => initParser());

const ROOT = process.cwd();

describe('importSpecifiers', () => {
  it.each([
    [
      'TypeScript: generics, as, satisfies, enums, type-only imports, regexes',
      'a.ts',
      [
        "import { a } from './a.js';",
        'function id<T extends object>(x: T): T { return x; }',
        'const f = <T,>(x: T) => x as unknown as number;',
        "import type { D } from './d';",
        'const z = a satisfies Record<string, number>;',
        'enum E { A = 1 << 2, B = 3 / 4 }',
        "const re = /import\\('x'\\)/g;",
        "export * from './b';",
        "export { c } from './c';",
        "const m = await import('./e');",
      ],
      ['./a.js', './d', './b', './c', './e'],
    ],
    ['decorators', 'c.ts', ["import { Component } from '@app/core';", "@Component({ selector: 'x' })", 'export class C { @Input() name!: string; }', "import { f } from './after';"], ['@app/core', './after']],
    [
      'JSX (the lexer stops; TypeScript reads it)',
      'app.tsx',
      ["import React from 'react';", "import { Button } from './button';", `export const App = () => <div>{1 / 2}<Button label={\`x/\${1}\`} /></div>;`, "import { late } from './late';"],
      ['react', './button', './late'],
    ],
    ['CommonJS require', 'x.cjs', ["const a = require('./a');", 'const { b } = require("./b.js");', 'module.exports = { a, b };'], ['./a', './b.js']],
    ['TypeScript import = require', 'y.ts', ["import x = require('./legacy');", 'export = x;'], ['./legacy']],
    ['a template-literal import() as a glob', 'z.ts', [`const load = (l: string) => import(\`./locales/\${l}.js\`);`], ['./locales/*.js']],
  ])('%s', (_what, file, lines, expected) => {
    expect(importSpecifiers(ROOT, file, lines.join('\n'))).toEqual(expected);
  });
});

describe('a project on TypeScript 7 (no JavaScript API)', () => {
  it("reads require() with aqe's own TypeScript instead of failing on the project's", async () => {
    const { mkdtempSync, mkdirSync, writeFileSync, rmSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const root = mkdtempSync(join(tmpdir(), 'aqe-ts7-'));
    try {
      mkdirSync(join(root, 'node_modules/typescript'), { recursive: true });
      writeFileSync(join(root, 'package.json'), '{}');
      writeFileSync(join(root, 'node_modules/typescript/package.json'), '{ "name": "typescript", "version": "7.0.2", "main": "index.js" }');
      writeFileSync(join(root, 'node_modules/typescript/index.js'), 'module.exports = { version: "7.0.2" };');
      expect(importSpecifiers(root, 'x.cjs', "const a = require('./a');\nmodule.exports = a;")).toEqual(['./a']);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
