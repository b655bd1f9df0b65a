import type { FailureClass, Store } from '@aqe/kernel';
import { PatternBank } from './bank.js';
import { verdictFor } from './classify.js';
import type { SignatureRecord } from './records.js';
import { signatureOf } from './signature.js';

export interface PatternQueryInput {
  /** A failure message (or stack); matched against the bank by similarity. */
  text?: string;
  class?: FailureClass;
  limit?: number;
}

export interface PatternView {
  signature: string;
  errorType: string;
  template: string;
  frame?: string;
  class: FailureClass;
  confidence: number;
  occurrences: number;
  outcomes: Record<string, number>;
  similarity?: number;
}

const DEFAULT_LIMIT = 20;
const MIN_QUERY_SIMILARITY = 0.3;

/**
 * The bank as a list: with `text`, the signatures most similar to it (most similar first);
 * without, every signature, most often seen first. Ties go by signature id.
 */
export function queryPatterns(store: Store, input: PatternQueryInput): { patterns: PatternView[] } {
  const bank = PatternBank.of(store);
  const limit = Math.max(0, Math.floor(input.limit ?? DEFAULT_LIMIT));
  const keep = (v: PatternView) => input.class === undefined || v.class === input.class;
  if (input.text !== undefined && input.text.trim() !== '') {
    const lines = input.text.split('\n');
    const stackStart = lines.findIndex((l) => l.trim().startsWith('at '));
    const message = stackStart > 0 ? lines.slice(0, stackStart).join('\n') : input.text;
    const probe = signatureOf({ message, stack: input.text });
    const exact = bank.get(probe.id);
    const matches = exact ? [{ id: probe.id, similarity: 1 }, ...bank.nearest(probe, bank.size, MIN_QUERY_SIMILARITY).filter((m) => m.id !== probe.id)] : bank.nearest(probe, bank.size, MIN_QUERY_SIMILARITY);
    const views = matches.flatMap((m) => {
      const record = bank.get(m.id);
      return record ? [{ ...view(record), similarity: m.similarity }] : [];
    });
    return { patterns: views.filter(keep).slice(0, limit) };
  }
  const views = [...bank.records()].map(view).filter(keep);
  views.sort((a, b) => b.occurrences - a.occurrences || (a.signature < b.signature ? -1 : 1));
  return { patterns: views.slice(0, limit) };
}

function view(record: SignatureRecord): PatternView {
  const verdict = verdictFor(record, []);
  const outcomes = Object.fromEntries(Object.entries(record.outcomes).sort(([a], [b]) => (a < b ? -1 : 1))) as Record<string, number>;
  return { signature: record.id, errorType: record.errorType, template: record.template, ...(record.frame ? { frame: record.frame } : {}), class: verdict.class, confidence: verdict.confidence, occurrences: record.occurrences, outcomes };
}
