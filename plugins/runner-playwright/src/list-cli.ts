import { stripVTControlCharacters as stripAnsi } from 'node:util';
import { describeCrash, realPathOrSelf, relativeInside } from '@aqe/kernel/runner-kit';
import type { PlaywrightInstall } from './install.js';
import { excludeFilter, isNoTestsFound, launchPlaywright, REPORTER } from './playwright-cli.js';
import type { PlaywrightError } from './run-protocol.js';

export interface CliListing {
  /** Relative POSIX paths under the root, each once. */
  files: string[];
}

/**
 * Discovery through Playwright's own CLI, for versions whose config loader aqe cannot
 * reach (see PlaywrightApi): `playwright test --list` with aqe's reporter, whose `begin`
 * event names every file with tests, over all projects `playwright test` runs. It loads
 * every test file, so it costs more than the in-process loader and grows with the suite.
 *
 * Playwright lists nothing when any test file fails to load. Those files are test files
 * all the same (`playwright test` reports them failed), so the listing is asked again
 * without them and they are added to it; a second failure is the config's error.
 */
export async function listWithCli(install: PlaywrightInstall, config: string | undefined, cwd: string, root: string, signal?: AbortSignal): Promise<CliListing> {
  const realRoot = realPathOrSelf(root);
  const inRoot = (path: string): string | undefined => relativeInside(root, path) ?? relativeInside(realRoot, path);
  const first = await listOnce(install, config, cwd, [], signal);
  if (first.errors.length === 0) return { files: [...first.files].map(inRoot).filter(isString).sort() };
  const broken = first.errors.map((e) => (e.location ? inRoot(e.location.file) : undefined));
  if (broken.some((file) => file === undefined)) throw new Error(errorText(first.errors));
  const brokenFiles = [...new Set(broken as string[])];
  const second = await listOnce(install, config, cwd, [excludeFilter(brokenFiles, root, realRoot)], signal);
  if (second.errors.length > 0) throw new Error(errorText(second.errors));
  return { files: [...new Set([...[...second.files].map(inRoot).filter(isString), ...brokenFiles])].sort() };
}

async function listOnce(install: PlaywrightInstall, config: string | undefined, cwd: string, filters: string[], signal?: AbortSignal): Promise<{ files: Set<string>; errors: PlaywrightError[] }> {
  const files = new Set<string>();
  const errors: PlaywrightError[] = [];
  let began = false;
  const args = ['--list', `--reporter=${REPORTER}`, ...(config ? [`--config=${config}`] : []), ...filters];
  const exit = await launchPlaywright(
    install,
    args,
    cwd,
    (event) => {
      if (event.type === 'begin') {
        began = true;
        for (const file of Object.keys(event.files)) files.add(file);
      } else if (event.type === 'error') {
        // Every file filtered out or without tests: an answer, not an error.
        if (isNoTestsFound(stripAnsi(event.error.message ?? ''))) began = true;
        else errors.push(event.error);
      }
    },
    signal,
  ).exited;
  signal?.throwIfAborted();
  if (!began && errors.length === 0) throw new Error(describeCrash('Playwright', exit).message.replace(' before reporting this file', ' while listing tests'));
  return { files, errors };
}

function errorText(errors: readonly PlaywrightError[]): string {
  return (
    errors
      .map((e) => stripAnsi(e.message ?? e.stack ?? '').trim())
      .filter(Boolean)
      .join('\n\n') || 'Playwright reported an error while listing tests'
  );
}

function isString(value: string | undefined): value is string {
  return value !== undefined;
}
