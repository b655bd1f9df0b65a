/** The pattern bank's building blocks (subpath `@aqe/agents-core/patterns`): for benchmarks and tools that match failures themselves. */
export { type Match, MatchIndex } from './match-index.js';
export { SKETCH_SIZE, sketch } from './minhash.js';
export { signatureText } from './bank.js';
export { type FailureSignature, signatureOf } from './signature.js';
export { messageTemplate } from './template.js';
