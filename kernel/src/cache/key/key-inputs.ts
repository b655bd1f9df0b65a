import { createHash } from 'node:crypto';
import type { CacheKey, CacheKeyInput } from '../../types/cache.js';

/** Changes whenever what a key covers changes meaning, so older keys can never match. */
const KEY_FORMAT = 'aqe-cache-key/1';

/** Lockfiles of npm, pnpm, Yarn and Bun; every one present at the root is an input. */
export const LOCKFILES = ['bun.lock', 'bun.lockb', 'npm-shrinkwrap.json', 'package-lock.json', 'pnpm-lock.yaml', 'yarn.lock'];

export const DEFAULT_ENV_ALLOWLIST = ['NODE_ENV', 'TZ'];

/** The hash of a file input that does not exist: a file appearing or disappearing changes the key. */
export const MISSING = sha256('\0missing');

const KIND_ORDER: readonly CacheKeyInput['kind'][] = ['file', 'config', 'lockfile', 'runner', 'node', 'env'];

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export function runnerInput(runner: string, version: string | null): CacheKeyInput {
  return { kind: 'runner', name: runner, hash: sha256(`${runner}@${version ?? '\0unknown'}`) };
}

export function nodeInput(): CacheKeyInput {
  return { kind: 'node', name: 'node', hash: sha256(process.version) };
}

/** An unset variable is an input too: setting it changes the key. */
export function envInputs(env: NodeJS.ProcessEnv, allowlist: readonly string[]): CacheKeyInput[] {
  return [...new Set(allowlist)].map((name) => ({ kind: 'env', name, hash: sha256(env[name] === undefined ? '\0unset' : `=${env[name]}`) }));
}

/** Inputs sorted by kind (file, config, lockfile, runner, node, env) then name; the key hashes them in that order. */
export function keyOf(inputs: CacheKeyInput[]): CacheKey {
  const sorted = [...inputs].sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const hash = createHash('sha256').update(`${KEY_FORMAT}\n`);
  for (const input of sorted) hash.update(`${input.kind}\0${input.name}\0${input.hash}\n`);
  return { key: hash.digest('hex'), inputs: sorted };
}
