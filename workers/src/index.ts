export { type AgentContext, type AgentDefinition, defineAgent } from './define-agent.js';
