import { AqeError, ErrorCodes } from '@aqe/kernel';
import { relativeInside } from '@aqe/kernel/runner-kit';
import { headStarts, runChild } from './config-process.js';
import type { ConfigChildMessage, JestProjectOptions } from './protocol.js';

export type LoadedJestConfig =
  /** `inputs`: local files the resolved config depended on, relative POSIX, sorted. */
  | { projects: JestProjectOptions[]; inputs: string[] }
  /** What `jest --listTests` printed (absolute), where jest-config cannot resolve the config in process. */
  | { listed: string[]; inputs: string[] };

/**
 * Resolves the project's Jest config (every project of a `projects` config) on a worker
 * thread running the project's own jest-config. `configFile` names the config in errors
 * when the thread cannot tell which one failed.
 */
export async function loadJestConfig(root: string, configFile: string, signal?: AbortSignal): Promise<LoadedJestConfig> {
  let message: ConfigChildMessage;
  try {
    message = await (headStarts.take(root, signal) ?? runChild(root, signal).result);
    if (!message.ok && message.requireModule) message = await runChild(root, signal, { requireModule: true }).result;
  } catch (error) {
    if (signal?.aborted) throw error;
    throw configError(configFile, error instanceof Error ? error.message : String(error), error);
  }
  if (!message.ok && message.missing) throw new AqeError(ErrorCodes.RUNNER_CONFIG_FAILED, `could not load ${configFile}: ${message.message}`, 'Install jest in the project (npm install --save-dev jest)');
  if (!message.ok) throw configError(message.file ? (relativeInside(root, message.file) ?? message.file) : configFile, message.message);
  const inputs = localFiles(root, message.loaded);
  return 'listed' in message ? { listed: message.listed, inputs } : { projects: message.projects, inputs };
}

function configError(file: string, reason: string, cause?: unknown): AqeError {
  // AqeError appends ". <fix>": drop the reason's own final period.
  const what = `could not load ${file}: ${reason.replace(/\.$/, '')}`;
  return new AqeError(ErrorCodes.RUNNER_CONFIG_FAILED, what, `Fix ${file} so that \`jest --listTests\` accepts it`, cause ? { cause } : undefined);
}

/** Files inside the project and outside node_modules: the ones a user edits. */
function localFiles(root: string, loaded: readonly string[]): string[] {
  const out = new Set<string>();
  for (const file of loaded) {
    const rel = relativeInside(root, file);
    if (rel && !rel.split('/').includes('node_modules')) out.add(rel);
  }
  return [...out].sort();
}
