import type { FormatterCapability, PluginDefinition } from '@aqe/kernel';
import { renderGithub } from './render-github.js';

const githubFormatter: FormatterCapability = {
  id: 'github',
  description: 'GitHub Actions annotations (::error) on the lines where tests failed, then a summary line',
  kinds: ['run'],
  // Never coloured: the Actions log parses these lines.
  render: (input, options) => {
    if (input.kind !== 'run') throw new TypeError(`the github formatter cannot render kind "${input.kind}"`);
    return renderGithub(input.data, options.cwd);
  },
};

const plugin = {
  name: '@aqe/format-github',
  version: '0.1.0',
  apiVersion: '^1',
  description: 'Formatter "github": GitHub Actions annotations for aqe run',
  setup(ctx) {
    ctx.formatters.add(githubFormatter);
  },
} satisfies PluginDefinition;

export default plugin;
