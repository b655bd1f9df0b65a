/**
 * JSON with object keys sorted recursively (by UTF-16 code unit, so the order never
 * depends on locale or insertion order), arrays kept as given, 2-space indent and a
 * trailing newline. Identical input gives byte-identical output.
 *
 * Values follow JSON.stringify's rules (toJSON is honoured, undefined and functions
 * are dropped from objects and become null in arrays, non-finite numbers become null)
 * except that a bigint is written as its decimal string instead of throwing.
 */
export function stableJson(value: unknown): string {
  const text = JSON.stringify(normalise(value, new Set(), '$'), null, 2);
  // JSON.stringify returns undefined for a top-level undefined or function.
  return `${text ?? 'null'}\n`;
}

function normalise(value: unknown, seen: Set<object>, path: string): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (value === null || typeof value !== 'object') return value;
  const json = (value as { toJSON?: unknown }).toJSON;
  if (typeof json === 'function') return normalise(json.call(value), seen, path);
  if (seen.has(value)) throw new TypeError(`cannot render a circular structure as JSON (at ${path})`);
  seen.add(value);
  try {
    if (Array.isArray(value)) return value.map((item, i) => normalise(item, seen, `${path}[${i}]`));
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      out[key] = normalise((value as Record<string, unknown>)[key], seen, `${path}.${key}`);
    }
    return out;
  } finally {
    // Only ancestors count as cycles: the same object twice side by side is fine.
    seen.delete(value);
  }
}
