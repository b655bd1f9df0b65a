import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AqeError, ErrorCodes } from '@aqe/kernel';
import { parse, TomlError } from 'smol-toml';

export const BUNFIG = 'bunfig.toml';

/** What of bunfig.toml decides which files `bun test` runs. */
export interface BunTestConfig {
  /** `[test] root`: where the scan starts, relative to the project root. */
  root?: string;
  /** `[test] pathIgnorePatterns`: globs against paths relative to the project root. */
  pathIgnorePatterns: string[];
  /** The `[loader]` table: extension (".foo") → loader name; a JS-like loader makes the extension testable. */
  loaders: Record<string, string>;
}

/**
 * Reads the project's bunfig.toml (Bun reads it from the directory it runs in) with a
 * TOML 1.0 parser. No file means Bun's defaults. A file Bun would reject, or a setting
 * of the wrong type, is an error naming the file rather than a silently different list.
 */
export function loadBunfig(root: string, present: boolean): BunTestConfig {
  const config: BunTestConfig = { pathIgnorePatterns: [], loaders: {} };
  if (!present) return config;
  let doc: Record<string, unknown>;
  try {
    doc = parse(readFileSync(join(root, BUNFIG), 'utf8'));
  } catch (error) {
    const reason = error instanceof TomlError ? `${error.message.split('\n')[0]} (line ${error.line}, column ${error.column})` : String(error);
    throw invalid(reason, error);
  }
  const test = table(doc.test, 'test');
  if (test.root !== undefined) {
    if (typeof test.root !== 'string') throw invalid('test.root must be a string');
    config.root = test.root;
  }
  const ignore = test.pathIgnorePatterns;
  if (ignore !== undefined) {
    const list = typeof ignore === 'string' ? [ignore] : ignore;
    if (!Array.isArray(list) || !list.every((p) => typeof p === 'string')) throw invalid('test.pathIgnorePatterns must be a string or an array of strings');
    config.pathIgnorePatterns = list;
  }
  for (const [ext, loader] of Object.entries(table(doc.loader, 'loader'))) {
    if (typeof loader === 'string') config.loaders[ext] = loader;
  }
  return config;
}

function table(value: unknown, key: string): Record<string, unknown> {
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalid(`[${key}] must be a table`);
  return value as Record<string, unknown>;
}

export function invalid(reason: string, cause?: unknown): AqeError {
  return new AqeError(ErrorCodes.RUNNER_CONFIG_FAILED, `could not load ${BUNFIG}: ${reason}`, `Fix ${BUNFIG} so that \`bun test\` accepts it`, cause ? { cause } : undefined);
}
