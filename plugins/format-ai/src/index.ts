import { type FormatterCapability, type PluginDefinition, stableJson } from '@aqe/kernel';
import { toAiOutput } from './ai-output.js';

export { AI_SCHEMA_VERSION, type AiOutput, toAiOutput } from './ai-output.js';

const aiFormatter: FormatterCapability = {
  id: 'ai',
  description: 'Versioned, deterministic JSON for AI assistants (docs/schema/ai-output.v1.json)',
  kinds: ['run', 'plugins', 'doctor', 'config', 'discover', 'flaky', 'cache'],
  render: (input, options) => stableJson(toAiOutput(input, options.timing === true, options.cwd)),
};

const plugin = {
  name: '@aqe/format-ai',
  version: '0.1.0',
  apiVersion: '^1',
  setup(ctx) {
    ctx.formatters.add(aiFormatter);
  },
} satisfies PluginDefinition;

export default plugin;
