import type { FailureClass } from '@aqe/kernel';
import type { FailureSignature } from './signature.js';

/** What the failure's own text says before any outcome is known: a class, how strongly, and why. */
export interface Prior {
  class: FailureClass;
  strength: number;
  reason: string;
}

const RULES: readonly { test: (text: string, type: string) => boolean; prior: Prior }[] = [
  {
    test: (t) => /\b(?:ECONNREFUSED|ECONNRESET|EADDRINUSE|EADDRNOTAVAIL|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|EPIPE)\b|socket hang up/i.test(t),
    prior: { class: 'environment', strength: 0.9, reason: 'A network resource (port, host or service) was unreachable' },
  },
  {
    test: (t) => /spawn\b.*\bENOENT\b|command not found|not found in PATH|Executable doesn't exist|\bENOSPC\b|\bEMFILE\b|\bEACCES\b|heap out of memory/i.test(t),
    prior: { class: 'environment', strength: 0.85, reason: 'A binary, file handle, disk space or permission the test needs was missing' },
  },
  {
    test: (t) => /\bsnapshot\b/i.test(t) && /mismatch|does ?n[o']t match|obsolete|toMatch(?:Inline)?Snapshot/i.test(t),
    prior: { class: 'snapshot', strength: 0.8, reason: 'The output no longer matches its stored snapshot' },
  },
  {
    test: (t) => /\btimed? ?out\b|\btimeout\b|\bETIMEDOUT\b/i.test(t),
    prior: { class: 'environment', strength: 0.5, reason: 'The test ran out of time, which often depends on the machine or a service' },
  },
  {
    test: (t, type) => type === 'AssertionError' || /\bexpected\b.*\b(?:to|toBe|toEqual)\b|\bExpected:?\s|\bReceived:?\s/i.test(t),
    prior: { class: 'regression', strength: 0.6, reason: 'An assertion failed: the code under test returned something else than the test expects' },
  },
  {
    test: (_t, type) => /^(?:Type|Reference|Range|Syntax)Error$/.test(type),
    prior: { class: 'regression', strength: 0.6, reason: 'The code threw a programming error' },
  },
];

const UNKNOWN: Prior = { class: 'unknown', strength: 0.5, reason: 'The error matches no known kind of failure' };

export function priorOf(signature: Pick<FailureSignature, 'errorType' | 'template'>): Prior {
  const text = `${signature.errorType}: ${signature.template}`;
  return RULES.find((r) => r.test(text, signature.errorType))?.prior ?? UNKNOWN;
}

export function isSnapshotFailure(signature: Pick<FailureSignature, 'errorType' | 'template'>): boolean {
  return priorOf(signature).class === 'snapshot';
}
