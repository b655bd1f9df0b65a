import { type FormatterInput, stableJson } from '@aqe/kernel';

/** Bumped only for a breaking change of the envelope; the data shapes are the kernel's public types. */
const JSON_SCHEMA_VERSION = 1;

/** Wraps any formatter input in `{ schemaVersion, kind, data }` and writes it as stable JSON. */
export function renderJson(input: FormatterInput): string {
  return stableJson({ schemaVersion: JSON_SCHEMA_VERSION, kind: input.kind, data: input.data });
}
