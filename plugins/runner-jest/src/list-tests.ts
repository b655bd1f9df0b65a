import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { type FrameworkExit, frameworkEnv, runFrameworkProcess } from '@aqe/kernel/runner-kit';
import { CONFIG_NAMES } from './jest-project.js';
import type { ConfigChildMessage } from './protocol.js';

/** The list is one line of absolute paths: keep all of it, however large the repository. */
const OUTPUT_KEEP = 256 * 1024 * 1024;

/**
 * The universal fallback: the test files as the project's own `jest --listTests --json`
 * prints them (Jest 22 and later), projects, roots, testRegex and ignore patterns all
 * decided by Jest. Used where jest-config cannot resolve the config in process. What the
 * config read is unknown here: the root's config files (and `config`, the test script's) stand for it.
 */
export async function listTestsWithCli(root: string, config?: string): Promise<ConfigChildMessage> {
  const bin = jestBin(root);
  if (!bin) return { ok: false, file: null, message: 'the jest command cannot be resolved from the project root', missing: true };
  const exit = await runFrameworkProcess({
    command: process.execPath,
    args: [bin, '--listTests', '--json', ...(config === undefined ? [] : ['--config', config])],
    cwd: root,
    env: frameworkEnv(root, { extra: { FORCE_COLOR: '0' } }),
    captureStdout: true,
    stderrKeep: OUTPUT_KEEP,
  });
  const listed = exit.code === 0 ? lastList(exit.stdout ?? '') : undefined;
  if (!listed) return { ok: false, file: null, message: `jest --listTests failed: ${failure(exit)}` };
  const loaded = [...['package.json', ...CONFIG_NAMES].map((name) => join(root, name)), ...(config === undefined ? [] : [config])].filter((path) => existsSync(path));
  return { ok: true, listed, loaded };
}

/** The `jest` bin of the project's jest (or jest-cli) package. */
function jestBin(root: string): string | undefined {
  const require = createRequire(join(root, 'package.json'));
  for (const name of ['jest', 'jest-cli']) {
    try {
      const manifest = require.resolve(`${name}/package.json`);
      const bin = (JSON.parse(readFileSync(manifest, 'utf8')) as { bin?: string | Record<string, string> }).bin;
      const path = typeof bin === 'string' ? bin : bin?.jest;
      if (path) return join(dirname(manifest), path);
    } catch {
      // Try the next package.
    }
  }
  return undefined;
}

/** Jest prints the list last, as one JSON array; a config may print before it. */
function lastList(stdout: string): string[] | undefined {
  const lines = stdout.trimEnd().split('\n');
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i]!.trim();
    if (!line.startsWith('[')) continue;
    try {
      const list = JSON.parse(line) as unknown;
      if (Array.isArray(list) && list.every((entry) => typeof entry === 'string')) return list;
    } catch {
      // Not the list.
    }
  }
  return undefined;
}

function failure(exit: FrameworkExit): string {
  if (exit.spawnError) return exit.spawnError.message;
  const tail = stripVTControlCharacters(exit.stderr).trim().split('\n').slice(-8).join(' ').replace(/\s+/g, ' ').trim();
  return tail || (exit.signal ? `stopped by ${exit.signal}` : `exit code ${exit.code}`);
}
