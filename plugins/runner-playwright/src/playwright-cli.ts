import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type FrameworkProcess, frameworkEnv, jsonLines, launchFramework } from '@aqe/kernel/runner-kit';
import type { PlaywrightInstall } from './install.js';
import type { PlaywrightRunEvent } from './run-protocol.js';

/** aqe's reporter (reporter.cts), passed to `playwright test --reporter` by absolute path. */
export const REPORTER = fileURLToPath(new URL('./reporter.cjs', import.meta.url));
/** The reporter's descriptor in the Playwright process: stdio[3]. */
const EVENTS_FD = 3;

/**
 * `playwright test <args>` with the project's own CLI, started as `npm test` would start
 * it from `cwd` (its node_modules/.bin and every ancestor's on PATH: a `webServer` command
 * such as `vite preview` finds vite), aqe's reporter's events arriving through `onEvent`.
 */
export function launchPlaywright(install: PlaywrightInstall, args: readonly string[], cwd: string, onEvent: (event: PlaywrightRunEvent) => void, signal?: AbortSignal, silent?: boolean): FrameworkProcess {
  return launchFramework({
    command: process.execPath,
    args: [join(install.dir, 'cli.js'), 'test', ...args],
    cwd,
    env: frameworkEnv(cwd, { extra: { AQE_PLAYWRIGHT_EVENTS_FD: String(EVENTS_FD), ...(silent ? { AQE_PLAYWRIGHT_SILENT: '1' } : {}) } }),
    eventsFd: EVENTS_FD,
    onEventLine: jsonLines<PlaywrightRunEvent>(onEvent),
    ...(signal ? { signal } : {}),
  });
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/**
 * Playwright treats each positional argument as a RegExp on the absolute file path ("/…/"
 * form: exact, case-sensitive). One anchored argument per file, under the root as given
 * and its real path (Playwright may see either).
 */
export function fileFilters(files: readonly string[], root: string, realRoot: string): string[] {
  return files.map((file) => `/^(?:${alternatives(file, root, realRoot)})$/`);
}

/** One argument that matches every file but these: a negative lookahead on the whole path. */
export function excludeFilter(files: readonly string[], root: string, realRoot: string): string {
  return `/^(?!(?:${files.map((file) => alternatives(file, root, realRoot)).join('|')})$)/`;
}

function alternatives(file: string, root: string, realRoot: string): string {
  return [...new Set([join(root, file), join(realRoot, file)].map(escapeRegExp))].join('|');
}

/** Playwright's error when the filters leave no test at all (a file outside testDir/testMatch, or -t matching nothing). */
export function isNoTestsFound(message: string): boolean {
  return /^(?:Error: )?No tests found/.test(message);
}
