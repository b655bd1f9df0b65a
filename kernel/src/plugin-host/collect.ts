import type { PluginSourceKind } from '../types/capabilities.js';
import type { ResolvedConfig } from '../types/config.js';
import type { PluginInput } from '../types/kernel.js';
import type { Store } from '../types/store.js';
import { findInstalledPlugins } from './installed.js';
import { fromObject, fromSpecifier, type LoadedPlugin } from './load-plugin.js';

/**
 * Every plugin source in the order that defines "config order": the caller's preset,
 * then the config's `plugins`, then installed packages with an "aqe" manifest. The same
 * package reached twice (named in config and also installed) is loaded once, and a
 * preset plugin named in config takes the options given there.
 */
export async function collectPlugins(cwd: string, config: ResolvedConfig, preset: readonly PluginInput[], store: Store): Promise<LoadedPlugin[]> {
  const out: LoadedPlugin[] = [];
  const load = (input: PluginInput, fallback: PluginSourceKind) =>
    'plugin' in input ? Promise.resolve(fromObject(input.plugin, input.source ?? fallback, input.options ?? {})) : fromSpecifier(input.from, cwd, input.source ?? fallback, input.options ?? {});
  const seenRoots = new Set<string>();
  const seenNames = new Set<string>();
  const push = (p: LoadedPlugin) => {
    if (p.root) seenRoots.add(p.root);
    seenNames.add(p.name);
    out.push(p);
  };
  for (const input of preset) push(await load(input, 'builtin'));
  for (const { spec, options } of config.plugins) {
    // Naming a built-in in config configures it (e.g. `["@aqe/cache-redis", { url }]`) rather than loading a second copy.
    const builtin = out.find((p) => p.name === spec);
    if (builtin) {
      builtin.options = { ...builtin.options, ...options };
      continue;
    }
    const p = await fromSpecifier(spec, cwd, 'config', options);
    if (p.root && seenRoots.has(p.root)) continue;
    push(p);
  }
  if (config.discoverInstalled) {
    for (const name of findInstalledPlugins(cwd, store)) {
      // Built-ins are workspace packages too; skip what is already loaded by name before importing.
      if (seenNames.has(name)) continue;
      const p = await fromSpecifier(name, cwd, 'installed', {});
      if (p.root && seenRoots.has(p.root)) continue;
      if (seenNames.has(p.name)) continue;
      push(p);
    }
  }
  return out.filter((p) => !config.disable.includes(p.name));
}
