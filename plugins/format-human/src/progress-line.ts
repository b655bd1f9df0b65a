import type { Palette } from './palette.js';
import { visibleWidth } from './text.js';

export interface ProgressState {
  total: number;
  done: number;
  failed: number;
  /** The most recently started file that has not finished. */
  current: string | undefined;
}

const BAR_WIDTH = 20;

/**
 * `████████░░░░░░░░░░░░ 3/8 files · 1 failed · src/math.test.ts`, cut to `width`
 * columns (the path loses its start first) so the live line never wraps.
 */
export function progressLine(state: ProgressState, width: number, c: Palette): string {
  const total = Math.max(state.total, state.done);
  const filled = total === 0 ? 0 : Math.round((state.done / total) * BAR_WIDTH);
  const bar = `${c.green('█'.repeat(filled))}${c.dim('░'.repeat(BAR_WIDTH - filled))}`;
  const parts = [`${bar} ${state.done}/${total} files`];
  if (state.failed > 0) parts.push(c.red(`${state.failed} failed`));
  const head = parts.join(c.dim(' · '));
  if (!state.current) return head;
  const room = width - visibleWidth(head) - 3;
  if (room < 8) return head;
  const file = state.current.length > room ? `…${state.current.slice(state.current.length - room + 1)}` : state.current;
  return `${head}${c.dim(' · ')}${c.dim(file)}`;
}
