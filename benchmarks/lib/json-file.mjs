// Results and baselines are committed and diffed, so they are written with sorted
// keys at every level and a trailing newline: the same numbers give the same bytes.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

function sortKeys(value) {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortKeys(value[key])]),
  );
}

export function writeJson(file, value) {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(sortKeys(value), null, 2)}\n`);
}

export const SCHEMA_VERSION = 1;

/** Reads a results file and checks the parts compare relies on. */
export function readResults(file) {
  let data;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`cannot read benchmark results ${file}: ${error.message}`);
  }
  if (data?.schemaVersion !== SCHEMA_VERSION || typeof data.metrics !== 'object' || data.metrics === null) {
    throw new Error(`${file} is not a schemaVersion ${SCHEMA_VERSION} benchmark results file`);
  }
  return data;
}
