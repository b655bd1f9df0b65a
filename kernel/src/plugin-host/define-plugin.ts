import type { PluginDefinition } from '../types/plugin.js';

/** Identity at run time; gives plugin authors full typing of the definition and its context. */
export function definePlugin<Options = Record<string, unknown>>(plugin: PluginDefinition<Options>): PluginDefinition<Options> {
  return plugin;
}
