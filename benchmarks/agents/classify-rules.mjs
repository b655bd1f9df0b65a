// A small, deterministic failure classification: what the agent-pool benchmarks dispatch.
// Normalises the message into a signature (paths, hex, numbers stripped), hashes it and
// picks a class from a few rules, as the real failure-classifier does at larger scale.
// `messages` classifies a batch in one task; `holdMs` keeps the thread busy that long first,
// so that concurrent tasks spread over threads.
const RULES = [
  [/ECONNREFUSED|ETIMEDOUT|ENOTFOUND|EADDRINUSE/, 'environment'],
  [/snapshot/i, 'snapshot'],
  [/timed? ?out|exceeded timeout/i, 'flaky'],
  [/expected .* (to|but)/i, 'regression'],
];

export function classify({ message, messages, holdMs = 0 }) {
  if (holdMs > 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, holdMs);
  if (messages) return messages.map((m) => classify({ message: m }));
  const signature = message
    .replace(/(\/[\w.-]+)+/g, '<path>')
    .replace(/0x[0-9a-f]+/gi, '<hex>')
    .replace(/\d+/g, '<n>');
  let hash = 0x811c9dc5;
  for (let i = 0; i < signature.length; i++) hash = Math.imul(hash ^ signature.charCodeAt(i), 0x01000193) >>> 0;
  const rule = RULES.find(([pattern]) => pattern.test(message));
  return { class: rule ? rule[1] : 'unknown', signature: hash.toString(16).padStart(8, '0') };
}
