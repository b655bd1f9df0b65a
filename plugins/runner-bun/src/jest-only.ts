import { readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { ImportClosure } from './import-closure.js';
import type { JestProjectRules } from './jest-config.js';

const ENVIRONMENT_PRAGMA = /^\s*\*?\s*@jest-environment\s+(\S+)/m;
// bun binds `expect` in every module it loads for a test, so a setup file's global one (chai's) is never seen.
const REPLACES_EXPECT = /\b(?:global|globalThis|window)\.expect\s*=[^=]/;

/** The Jest project a file belongs to: the first whose roots hold it. */
export function projectOf(root: string, file: string, projects: readonly JestProjectRules[]): JestProjectRules | undefined {
  const abs = join(root, file);
  return projects.find((project) => project.roots.some((dir) => !relative(dir, abs).startsWith('..')));
}

/**
 * Why `file` (relative to `root`) must run under Jest rather than bun, or undefined when bun
 * can run it as Jest would: a module it loads is mapped by moduleNameMapper or needs a
 * transform bun does not have (bun would load another module, or none), it needs a DOM
 * environment (jsdom) that bun test does not provide, or its setup replaces `expect`.
 */
export function jestOnlyReason(root: string, file: string, projects: readonly JestProjectRules[], closure: ImportClosure): string | undefined {
  const abs = join(root, file);
  const project = projectOf(root, file, projects);
  const pragma = ENVIRONMENT_PRAGMA.exec(read(abs).slice(0, 2000))?.[1];
  if (pragma && pragma !== 'node') return `its @jest-environment is ${pragma}, which bun test does not provide`;
  if (!project) return undefined;
  if (project.environment && !pragma) return `Jest's testEnvironment is ${shortName(project.environment)}, which bun test does not provide`;
  const setup = project.setupFiles.find((path) => REPLACES_EXPECT.test(read(path)));
  if (setup) return `its setup file ${relative(root, setup).split(sep).join('/')} replaces expect, which bun test's own expect shadows`;
  if (project.mappers.length === 0 && project.transforms.length === 0) return undefined;
  const { specifiers, files } = closure.of(abs);
  for (const specifier of specifiers) {
    const mapper = project.mappers.find((re) => re.test(specifier));
    if (mapper) return `Jest's moduleNameMapper maps '${specifier}' (${mapper.source}), which bun test does not apply`;
  }
  for (const path of files) {
    const transform = project.transforms.find(({ pattern }) => pattern.test(path));
    if (transform) return `Jest transforms ${relative(root, path).split(sep).join('/')} with ${shortName(transform.transformer)}, which bun test does not run`;
  }
  return undefined;
}

function read(path: string): string {
  try {
    return readFileSync(path, 'utf8');
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
