export * from './agent.js';
export { createAgentPool } from './create-agent-pool.js';
