import type { FormatterCapability, PluginDefinition } from '@aqe/kernel';
import { renderJson } from './render-json.js';

const jsonFormatter: FormatterCapability = {
  id: 'json',
  description: 'Deterministic JSON: { schemaVersion, kind, data } with keys sorted',
  kinds: ['run', 'plugins', 'doctor', 'config', 'discover', 'flaky', 'cache'],
  // Never coloured: options.interactive does not change JSON output.
  render: (input) => renderJson(input),
};

const plugin = {
  name: '@aqe/format-json',
  version: '0.1.0',
  apiVersion: '^1',
  description: 'Formatter "json": deterministic JSON for every command',
  setup(ctx) {
    ctx.formatters.add(jsonFormatter);
  },
} satisfies PluginDefinition;

export default plugin;
