import type { FailureClass, FailureClassification } from '@aqe/kernel';
import type { Palette } from './palette.js';

const quote = (arg: string) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`);

/** What to do next for each class, as a person would type it from the project root. */
function suggestion(cls: FailureClass, file: string, runner: string): string {
  const f = quote(file);
  switch (cls) {
    case 'snapshot':
      return runner === 'jest' ? `if the new output is intended: npx jest ${f} -u` : runner === 'vitest' ? `if the new output is intended: npx vitest run ${f} -u` : 'if the new output is intended, update the snapshot';
    case 'flaky':
      return `confirm it is flaky: npx aqe flaky ${f} --confirm`;
    case 'environment':
      return `check the service, port, binary or time limit it names, then: npx aqe run ${f}`;
    default:
      return `fix the code under test or the test, then: npx aqe run ${f}`;
  }
}

/** Two lines under a failure: the failure-classifier's verdict with its reason, and the suggested next step. */
export function classificationLines(c: Palette, classification: FailureClassification | undefined, runner: string): string[] {
  if (!classification) return [];
  const { class: cls, confidence, reason, file } = classification;
  return ['', `${c.magenta('class')} ${c.bold(cls)} ${c.dim(`(${Math.round(confidence * 100)}% confident)`)} ${reason}`, `${c.cyan('next')}  ${suggestion(cls, file, runner)}`];
}
