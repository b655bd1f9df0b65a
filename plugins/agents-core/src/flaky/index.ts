// `@aqe/agents-core/flaky`: finding, confirming and quarantining flaky tests — the one home
// of that logic; `aqe flaky` and the MCP flaky tool are thin front ends over it.
export { DEFAULT_CONFIRM_RUNS } from './confirm.js';
export { type FlakyReportOptions, flakyReport } from './flaky-report.js';
