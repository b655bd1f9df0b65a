// `@aqe/kernel/run`: what a front end (the CLI, the MCP server) needs around `kernel.run`
// besides the kernel itself — shard parsing and planning, the quarantine file. Documented
// in docs/api/run.md.
export { parseShard, selectShard } from './run/shard.js';
export { loadQuarantine, QUARANTINE_FILE } from './run/quarantine.js';
