import { readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { ImportClosure } from './import-closure.js';
import type { JestProjectRules } from './jest-config.js';

const ENVIRONMENT_PRAGMA = /^\s*\*?\s*@jest-environment\s+(\S+)/m;

/**
 * Why `file` (relative to `root`) must run under Jest rather than bun, or undefined when bun
 * can run it as Jest would: a module it loads is mapped by moduleNameMapper or needs a
 * transform bun does not have (bun would load another module, or none), or it needs a DOM
 * environment (jsdom) that bun test does not provide.
 */
export function jestOnlyReason(root: string, file: string, projects: readonly JestProjectRules[], closure: ImportClosure): string | undefined {
  const abs = join(root, file);
  const mine = projects.filter((project) => project.roots.some((dir) => !relative(dir, abs).startsWith('..')));
  const pragma = ENVIRONMENT_PRAGMA.exec(head(abs))?.[1];
  if (pragma && pragma !== 'node') return `its @jest-environment is ${pragma}, which bun test does not provide`;
  for (const project of mine) {
    if (project.environment && !pragma) return `Jest's testEnvironment is ${shortName(project.environment)}, which bun test does not provide`;
    if (project.mappers.length === 0 && project.transforms.length === 0) continue;
    const { specifiers, files } = closure.of(abs);
    for (const specifier of specifiers) {
      const mapper = project.mappers.find((re) => re.test(specifier));
      if (mapper) return `Jest's moduleNameMapper maps '${specifier}' (${mapper.source}), which bun test does not apply`;
    }
    for (const path of files) {
      const transform = project.transforms.find(({ pattern }) => pattern.test(path));
      if (transform) return `Jest transforms ${relative(root, path).split(sep).join('/')} with ${shortName(transform.transformer)}, which bun test does not run`;
    }
  }
  return undefined;
}

/** The docblock, where @jest-environment is read. */
function head(path: string): string {
  try {
    return readFileSync(path, 'utf8').slice(0, 2000);
  } catch {
    return '';
  }
}

/** `jest-environment-jsdom` for /…/node_modules/jest-environment-jsdom/build/index.js. */
function shortName(path: string): string {
  const at = path.lastIndexOf('node_modules/');
  if (at === -1) return path;
  const rest = path.slice(at + 'node_modules/'.length).split('/');
  return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
}
