/**
 * Vitest's serialised errors as protocol WireErrors (child side, any Vitest 1–4): the shape
 * of an error in a task result, a test case result, a module or an unhandled error is the
 * same in every major, so both reporters share this.
 */
import { inspect } from 'node:util';
import type { WireError } from '../protocol.js';

export interface SerializedErrorLike {
  message?: unknown;
  name?: unknown;
  stack?: unknown;
  expected?: unknown;
  actual?: unknown;
  diff?: unknown;
  /** Frames Vitest parsed and source-mapped (Vitest 3 and later fill it in the main process). */
  stacks?: { file?: unknown; line?: unknown; column?: unknown }[];
  /** Unhandled errors: "Unhandled Rejection", "Unhandled Error", … */
  type?: unknown;
  VITEST_TEST_PATH?: unknown;
  VITEST_TEST_NAME?: unknown;
}

/** An error Vitest caught outside any test, named by its kind and the test that was running. */
export function unhandled(error: SerializedErrorLike): WireError {
  const type = typeof error?.type === 'string' ? error.type : 'Unhandled Error';
  const during = typeof error?.VITEST_TEST_NAME === 'string' ? ` while "${error.VITEST_TEST_NAME}" ran` : '';
  return toWire(error, `${type}${during}: `);
}

export function toWire(error: SerializedErrorLike | null | undefined, prefix = ''): WireError {
  if (typeof error !== 'object' || error === null) return { message: prefix + String(error) };
  // Vitest 1 stringifies a missing expected/actual of any error to "undefined": only a real comparison has them.
  const compared = typeof error.diff === 'string' || error.expected !== 'undefined' || error.actual !== 'undefined';
  const frames = (error.stacks ?? []).flatMap((f) => (typeof f.file === 'string' && typeof f.line === 'number' && typeof f.column === 'number' ? [{ file: f.file, line: f.line, column: f.column }] : []));
  return {
    message: prefix + (typeof error.message === 'string' ? error.message : inspect(error.message)),
    ...(typeof error.name === 'string' ? { name: error.name } : {}),
    ...(typeof error.stack === 'string' ? { stack: error.stack } : {}),
    // Vitest serialises both with its own pretty-format already; anything else is inspected.
    ...(compared && error.expected !== undefined ? { expected: text(error.expected) } : {}),
    ...(compared && error.actual !== undefined ? { actual: text(error.actual) } : {}),
    ...(typeof error.diff === 'string' ? { diff: error.diff } : {}),
    ...(frames.length > 0 ? { frames } : {}),
  };
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : inspect(value, { depth: 10 });
}

export function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}
