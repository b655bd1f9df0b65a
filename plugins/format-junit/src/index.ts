import type { FormatterCapability, PluginDefinition } from '@aqe/kernel';
import { renderJunit } from './render-junit.js';

const junitFormatter: FormatterCapability = {
  id: 'junit',
  description: 'JUnit XML for CI test reports (Jenkins, GitLab, GitHub): one testsuite per test file',
  kinds: ['run'],
  // Never coloured; no live progress (the XML usually goes to --output-file in CI).
  render: (input) => {
    if (input.kind !== 'run') throw new TypeError(`the junit formatter cannot render kind "${input.kind}"`);
    return renderJunit(input.data);
  },
};

const plugin = {
  name: '@aqe/format-junit',
  version: '0.1.0',
  apiVersion: '^1',
  description: 'Formatter "junit": JUnit XML test reports of aqe run',
  setup(ctx) {
    ctx.formatters.add(junitFormatter);
  },
} satisfies PluginDefinition;

export default plugin;
