import { access } from 'node:fs/promises';
import { join } from 'node:path';

/** Looked up in this order, the first that exists wins (as Vitest and Jest do for theirs). */
const CONFIG_FILES = ['aqe.config.ts', 'aqe.config.mjs', 'aqe.config.js', 'aqe.config.json'] as const;

export async function findConfigFile(cwd: string): Promise<string | undefined> {
  for (const name of CONFIG_FILES) {
    const file = join(cwd, name);
    try {
      await access(file);
      return file;
    } catch {
      // not this one
    }
  }
  return undefined;
}
