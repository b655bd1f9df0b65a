import type { PluginInput } from '@aqe/kernel';
import type { Interfaces } from '@oclif/core';

/**
 * Plugins added with `aqe plugins install|link` live in oclif's data dir (or a linked
 * folder), not in the project's node_modules, so the kernel cannot discover them:
 * hand over those whose package.json carries an "aqe" manifest. Core oclif plugins
 * (such as @oclif/plugin-plugins itself) are the CLI's own and never aqe plugins.
 */
export function oclifPluginInputs(config: Interfaces.Config): PluginInput[] {
  return [...config.plugins.values()].filter((plugin) => (plugin.type === 'user' || plugin.type === 'link') && plugin.pjson.aqe !== undefined).map((plugin) => ({ from: plugin.root, source: 'oclif' }));
}
