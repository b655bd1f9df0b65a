import type { FormatterCapability, PluginDefinition } from '@aqe/kernel';
import { createProgress } from './progress.js';
import { renderHuman } from './render-human.js';

const humanFormatter: FormatterCapability = {
  id: 'human',
  description: 'Readable terminal output; colour and live progress only when interactive',
  kinds: ['plugins', 'doctor', 'config', 'discover', 'run', 'flaky', 'cache'],
  render: renderHuman,
  progress: createProgress,
};

const plugin = {
  name: '@aqe/format-human',
  version: '0.1.0',
  apiVersion: '^1',
  description: 'Formatter "human": readable terminal output for every command',
  setup(ctx) {
    ctx.formatters.add(humanFormatter);
  },
} satisfies PluginDefinition;

export default plugin;
