import { ErrorCodes, errorMessage } from '../errors.js';
import type { ResolvedConfig } from '../types/config.js';
import type { Logger } from '../types/plugin.js';
import type { Store } from '../types/store.js';
import { TimeoutError, withTimeout } from '../util/with-timeout.js';
import type { LoadedPlugin } from './load-plugin.js';
import { createPluginContext, type SetupStaging } from './plugin-context.js';
import { problem } from './problem.js';
import type { CapabilityRegistry } from './registry.js';

export interface SetupDeps {
  cwd: string;
  config: ResolvedConfig;
  store: Store;
  logger: Logger;
  registry: CapabilityRegistry;
  timeoutMs: number;
}

/** Runs one plugin's setup against a staging context, with the hook timeout. */
export async function setupPlugin(plugin: LoadedPlugin, deps: SetupDeps): Promise<SetupStaging> {
  const { ctx, staging } = createPluginContext({
    name: plugin.name,
    options: plugin.options,
    cwd: deps.cwd,
    config: deps.config,
    store: deps.store,
    logger: deps.logger,
    taken: (kind, id) => deps.registry.owner(kind, id),
  });
  try {
    await withTimeout(() => plugin.definition!.setup(ctx), deps.timeoutMs);
  } catch (error) {
    staging.problems.unshift(
      error instanceof TimeoutError
        ? problem(ErrorCodes.PLUGIN_SETUP_TIMEOUT, 'setup', `setup did not finish within ${deps.timeoutMs} ms`, 'Make setup settle (move slow work into hooks or capabilities), or raise hookTimeoutMs')
        : problem(ErrorCodes.PLUGIN_SETUP_FAILED, 'setup', `setup threw: ${errorMessage(error)}`, 'Fix the error in the plugin\'s setup, or disable the plugin with "disable" in the aqe config'),
    );
  } finally {
    staging.sealed = true;
  }
  return staging;
}
