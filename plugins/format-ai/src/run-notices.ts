import type { RunResult } from '@aqe/kernel';

/** The run's notices as warnings an assistant reads once (e.g. Bun absent, so Jest ran every file). */
export function noticeWarnings(run: RunResult): { code: string; message: string }[] {
  return [...new Set(run.notices ?? [])].map((message) => ({ code: 'AQE_RUN_NOTICE', message }));
}
