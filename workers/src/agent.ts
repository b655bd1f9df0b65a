// What an agent module imports. It is kept apart from the pool (piscina, and the kernel
// bundle through the error classes) so a worker thread that loads an agent loads only this.
export { BaseAgent } from './base-agent.js';
export { type AgentContext, type AgentDefinition, defineAgent } from './define-agent.js';
export { CoordinationStrategy } from './strategies/coordination.js';
export { type LearningOptions, LearningStrategy, type OutcomeStats } from './strategies/learning.js';
export { type LifecycleHooks, LifecycleStrategy } from './strategies/lifecycle.js';
export { MemoryStrategy } from './strategies/memory.js';
