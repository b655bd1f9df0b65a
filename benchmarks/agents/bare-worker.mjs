// The same classification as a bare pool worker (no store, no agent runtime): what Piscina
// and Tinypool cost on their own, beside the agent pool that @aqe/workers builds on Piscina.
export { classify as default } from './classify-rules.mjs';
