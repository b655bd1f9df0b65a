import { AqeError, ErrorCodes } from '@aqe/kernel';
import { headStarts, runChild } from './config-process.js';
import type { ConfigResult, ResolvedProject } from './resolved-config.js';

export interface LoadedConfig {
  projects: ResolvedProject[];
  dependencies: string[];
}

/**
 * Resolves the project's Vitest config on a worker thread (resolve-config-child.ts) with the
 * project's installed Vitest. `label` names the config file in errors.
 */
export async function loadVitestConfig(root: string, label: string, signal?: AbortSignal): Promise<LoadedConfig> {
  let result: ConfigResult;
  try {
    result = await (headStarts.take(root, signal) ?? runChild(root, signal).result);
  } catch (error) {
    if (signal?.aborted) throw error;
    throw configError(label, `the Vitest config thread failed: ${error instanceof Error ? error.message : String(error)}`, root);
  }
  if (!result.ok) throw configError(label, result.message, root, result.fix);
  return { projects: result.projects, dependencies: result.dependencies };
}

function configError(label: string, reason: string, root: string, fix?: string): AqeError {
  return new AqeError(ErrorCodes.RUNNER_CONFIG_FAILED, `could not load ${label}: ${summarize(reason)}`, fix ?? `Fix ${label} so that \`vitest list --filesOnly\` works in ${root}`);
}

const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');
const MAX_LINES = 6;
const MAX_LINE = 300;

/** Bundler errors come coloured and with whole code frames; the first lines say what failed. */
function summarize(reason: string): string {
  const lines = reason.replace(ANSI, '').trim().split('\n');
  const kept = lines.slice(0, MAX_LINES).map((line) => (line.length > MAX_LINE ? `${line.slice(0, MAX_LINE)}…` : line));
  return lines.length > MAX_LINES ? `${kept.join('\n')}\n…` : kept.join('\n');
}
