import type { PluginReport } from '@aqe/kernel';
import type { Palette } from './palette.js';
import { pluginSummary, pluginTable } from './plugin-lines.js';

/** `aqe plugins`: one row per plugin, problems under the plugin they belong to, a count line. */
export function renderPlugins(plugins: readonly PluginReport[], c: Palette): string[] {
  if (plugins.length === 0) return ['No plugins loaded.'];
  return [...pluginTable(plugins, c), '', pluginSummary(plugins, c)];
}
