import { Writable } from 'node:stream';
import { stripVTControlCharacters } from 'node:util';
import type { TestFileResult } from '@aqe/kernel';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createProgress } from './progress.js';
import { progressLine } from './progress-line.js';
import { paletteFor } from './palette.js';

/** A terminal-like stream: records what is written and the cursor moves a TTY would do. */
class FakeTty extends Writable {
  readonly isTTY = true;
  readonly columns = 60;
  readonly ops: string[] = [];
  override _write(chunk: Buffer, _enc: BufferEncoding, done: () => void): void {
    this.ops.push(chunk.toString());
    done();
  }
  cursorTo(): boolean {
    this.ops.push('<cursorTo>');
    return true;
  }
  moveCursor(): boolean {
    this.ops.push('<moveCursor>');
    return true;
  }
  clearLine(): boolean {
    this.ops.push('<clearLine>');
    return true;
  }
  /** The text of the last frame drawn, without escapes. */
  lastFrame(): string {
    const frames = this.ops.filter((o) => !o.startsWith('<') && stripVTControlCharacters(o).trim() !== '');
    return stripVTControlCharacters(frames.at(-1) ?? '');
  }
}

const file = (name: string, status: TestFileResult['status']): TestFileResult => ({ file: name, runner: 'vitest', status, durationMs: 1, tests: [] });
const plain = paletteFor(false);

afterEach(() => vi.unstubAllEnvs());

describe('progressLine', () => {
  it('shows a bar, done/total files, failures so far and the running file', () => {
    expect(progressLine({ total: 4, done: 1, failed: 1, current: 'src/b.test.ts' }, 80, plain)).toBe('█████░░░░░░░░░░░░░░░ 1/4 files · 1 failed · src/b.test.ts');
    expect(progressLine({ total: 0, done: 0, failed: 0, current: undefined }, 80, plain)).toBe('░░░░░░░░░░░░░░░░░░░░ 0/0 files');
  });

  it('cuts the start of a long path so the line fits the terminal', () => {
    const line = progressLine({ total: 2, done: 2, failed: 0, current: 'packages/very/deep/folder/of/tests/math.test.ts' }, 50, plain);
    expect(line).toBe('████████████████████ 2/2 files · …sts/math.test.ts');
    expect(line.length).toBe(50);
  });
});

describe('createProgress', () => {
  it('does nothing when output is not interactive', async () => {
    const tty = new FakeTty();
    const progress = createProgress({ interactive: false, cwd: '/' }, tty);
    progress.runStart(1);
    progress.fileStart('a.test.ts');
    progress.runEnd();
    await new Promise((r) => setTimeout(r, 50));
    expect(tty.ops).toEqual([]);
  });

  it('draws live progress on a terminal and clears it on runEnd', async () => {
    // yocto-spinner prints plain lines under CI; this test is about the terminal.
    vi.stubEnv('CI', undefined);
    vi.stubEnv('TERM', 'xterm-256color');
    const tty = new FakeTty();
    const progress = createProgress({ interactive: true, cwd: '/' }, tty);
    progress.runStart(2);
    progress.fileStart('src/a.test.ts');
    await vi.waitFor(() => expect(tty.lastFrame()).toContain('0/2 files · src/a.test.ts'));
    progress.fileResult(file('src/a.test.ts', 'failed'));
    progress.fileStart('src/b.test.ts');
    expect(tty.lastFrame()).toMatch(/ 1\/2 files · 1 failed · src\/b\.test\.ts$/);
    progress.fileResult(file('src/b.test.ts', 'passed'));
    expect(tty.lastFrame()).toMatch(/ 2\/2 files · 1 failed$/);

    const before = tty.ops.length;
    progress.runEnd();
    // The line is cleared and the cursor shown again; nothing else is written.
    expect(tty.ops.slice(before)).toEqual(['\u001b[?25h', '<cursorTo>', '<clearLine>']);
    const after = tty.ops.length;
    // Stopped: no frame is drawn after runEnd.
    await new Promise((r) => setTimeout(r, 200));
    expect(tty.ops.length).toBe(after);
  });

  it('never draws when the run ends before the spinner is loaded', async () => {
    vi.stubEnv('CI', undefined);
    const tty = new FakeTty();
    const progress = createProgress({ interactive: true, cwd: '/' }, tty);
    progress.runStart(1);
    progress.runEnd();
    await new Promise((r) => setTimeout(r, 100));
    expect(tty.ops).toEqual([]);
  });
});
