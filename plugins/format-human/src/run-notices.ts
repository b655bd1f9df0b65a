import type { RunResult } from '@aqe/kernel';
import type { Palette } from './palette.js';

/** The run's notices (e.g. "bun is not installed: jest ran all 12 file(s) instead of bun"), once each, before the summary. */
export function noticeLines(result: RunResult, c: Palette): string[] {
  const notices = [...new Set(result.notices ?? [])];
  return notices.length === 0 ? [] : [...notices.map((notice) => `${c.yellow('NOTE')} ${notice}`), ''];
}
