import type { PluginDefinition } from '@aqe/kernel';

const agentModule = (file: string) => new URL(`./${file}`, import.meta.url).href;

/**
 * Every agent this plugin registers: id, the built module a worker loads once, version.
 * One line per agent, so adding an agent is a one-line change.
 */
const agents = [
  { id: 'failure-classifier', module: agentModule('agents/failure-classifier.js'), version: '0.1.0' },
  { id: 'pattern-query', module: agentModule('agents/pattern-query.js'), version: '0.1.0' },
  { id: 'flaky-hunter', module: agentModule('flaky/flaky-hunter.js'), version: '0.1.0' },
];

const plugin = {
  name: '@aqe/agents-core',
  version: '0.1.0',
  apiVersion: '^1',
  description: 'Core QE agents: failure classification against a learned pattern bank, flaky-test detection',
  setup(ctx) {
    for (const agent of agents) ctx.agents.add(agent);
  },
} satisfies PluginDefinition;

export default plugin;
