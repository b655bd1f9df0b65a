import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { frameworkEnv, runFrameworkProcess } from '@aqe/kernel/runner-kit';

/** What of one Jest project's config bun test does not do by itself. */
export interface JestProjectRules {
  /** Where the project's tests live (`roots`, else `rootDir`), absolute. */
  roots: string[];
  /** moduleNameMapper's patterns: a module a test loads through one of them is another module under Jest. */
  mappers: RegExp[];
  /** Transforms bun has no equivalent of (not a JS/TS compiler): files they match need Jest. */
  transforms: { pattern: RegExp; transformer: string }[];
  /** testEnvironment, when it is not Node's (jsdom, happy-dom, a custom one). */
  environment?: string;
  /** setupFiles then setupFilesAfterEnv, absolute: bun preloads them. */
  setupFiles: string[];
  /** The `globals` Jest sets on every test file's global object. */
  globals: Record<string, unknown>;
}

/** Transformers that only compile JavaScript/TypeScript, which bun does natively. */
const COMPILERS = /(?:^|[/\\])(?:babel-jest|ts-jest|@swc[/\\]jest|esbuild-jest|@sucrase[/\\]jest-plugin|sucrase-jest)(?:[/\\]|$)/;
const NODE_ENVIRONMENT = /(?:^|[/\\])jest-environment-node(?:[/\\]|$)|^node$/;

interface ShownProject {
  rootDir?: string;
  roots?: string[];
  moduleNameMapper?: [string, unknown][];
  transform?: [string, string, unknown?][];
  testEnvironment?: string;
  setupFiles?: string[];
  setupFilesAfterEnv?: string[];
  globals?: Record<string, unknown>;
}

/**
 * The project's resolved Jest config, as `jest --showConfig` prints it (presets, `projects`
 * and defaults applied, for every Jest version that has the flag), reduced to what decides
 * whether bun can stand in for Jest. Undefined when Jest cannot say: then only files that
 * fail to load in bun go back to Jest.
 */
export async function jestProjectRules(root: string): Promise<JestProjectRules[] | undefined> {
  const bin = jestBin(root);
  if (!bin) return undefined;
  const exit = await runFrameworkProcess({ command: process.execPath, args: [bin, '--showConfig'], cwd: root, env: frameworkEnv(root), captureStdout: true, stderrKeep: 8 * 1024 * 1024 });
  let shown: { configs?: ShownProject[] };
  try {
    shown = JSON.parse(exit.stdout ?? '') as { configs?: ShownProject[] };
  } catch {
    return undefined;
  }
  if (!Array.isArray(shown.configs)) return undefined;
  return shown.configs.map((config) => ({
    roots: config.roots?.length ? config.roots : [config.rootDir ?? root],
    mappers: (config.moduleNameMapper ?? []).flatMap(([pattern]) => regExp(pattern)),
    transforms: (config.transform ?? []).flatMap(([pattern, transformer]) => (COMPILERS.test(transformer) ? [] : regExp(pattern).map((re) => ({ pattern: re, transformer })))),
    ...(config.testEnvironment && !NODE_ENVIRONMENT.test(config.testEnvironment) ? { environment: config.testEnvironment } : {}),
    setupFiles: [...(config.setupFiles ?? []), ...(config.setupFilesAfterEnv ?? [])],
    globals: config.globals ?? {},
  }));
}

function jestBin(root: string): string | undefined {
  try {
    const manifest = createRequire(join(root, 'package.json')).resolve('jest/package.json');
    const { bin } = JSON.parse(readFileSync(manifest, 'utf8')) as { bin?: string | Record<string, string> };
    const path = typeof bin === 'string' ? bin : bin?.jest;
    return path ? join(dirname(manifest), path) : undefined;
  } catch {
    return undefined;
  }
}

function regExp(source: string): RegExp[] {
  try {
    return [new RegExp(source)];
  } catch {
    return [];
  }
}
