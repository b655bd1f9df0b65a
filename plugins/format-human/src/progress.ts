import type { FormatterOptions, ProgressReporter, TestFileResult } from '@aqe/kernel';
import type { Spinner } from 'yocto-spinner';
import { paletteFor } from './palette.js';
import { type ProgressState, progressLine } from './progress-line.js';

const noop: ProgressReporter = { runStart() {}, fileStart() {}, fileResult() {}, runEnd() {} };

/** Room kept for the spinner frame and a margin, so the line never reaches the last column. */
const SPINNER_COLUMNS = 3;

/**
 * The live line on stderr while tests run: a spinner, a bar with done/total files, the
 * failures so far and the file running now; cleared on runEnd() before the final output.
 * yocto-spinner is imported here, on first use, so the other commands never load it; the
 * events that arrive before it is loaded only update the state it then draws.
 */
export function createProgress(options: FormatterOptions, stream: NodeJS.WritableStream): ProgressReporter {
  // The CLI asks only when interactive; anywhere else the final output is all there is.
  if (!options.interactive) return noop;
  const c = paletteFor(true);
  const state: ProgressState = { total: 0, done: 0, failed: 0, current: undefined };
  const running: string[] = [];
  let spinner: Spinner | undefined;
  let ended = false;
  const text = () => progressLine(state, columns(stream) - SPINNER_COLUMNS, c);
  const draw = () => {
    if (spinner) spinner.text = text();
  };

  import('yocto-spinner')
    .then(({ default: yoctoSpinner }) => {
      if (ended) return;
      spinner = yoctoSpinner({ stream: stream as NodeJS.WriteStream, text: text() }).start();
    })
    .catch(() => {
      // No live display: the final output is written all the same.
    });

  return {
    runStart(files) {
      state.total = files;
      draw();
    },
    fileStart(file) {
      running.push(file);
      state.current = file;
      draw();
    },
    fileResult(result: TestFileResult) {
      const i = running.lastIndexOf(result.file);
      if (i >= 0) running.splice(i, 1);
      state.done += 1;
      if (result.status === 'failed') state.failed += 1;
      state.current = running.at(-1);
      draw();
    },
    runEnd() {
      ended = true;
      spinner?.stop();
      spinner = undefined;
    },
  };
}

function columns(stream: NodeJS.WritableStream): number {
  const n = (stream as { columns?: number }).columns;
  return typeof n === 'number' && n > 0 ? n : 80;
}
