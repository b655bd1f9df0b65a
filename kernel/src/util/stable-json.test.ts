import { describe, expect, it } from 'vitest';
import { stableJson } from './stable-json.js';

describe('stableJson', () => {
  it('sorts keys recursively and keeps array order', () => {
    const text = stableJson({ b: 1, a: { d: [3, 1, 2], c: { z: true, y: null } } });
    expect(text).toBe('{\n  "a": {\n    "c": {\n      "y": null,\n      "z": true\n    },\n    "d": [\n      3,\n      1,\n      2\n    ]\n  },\n  "b": 1\n}\n');
  });

  it('is independent of insertion order', () => {
    expect(stableJson({ x: 1, y: [{ q: 1, p: 2 }] })).toBe(stableJson({ y: [{ p: 2, q: 1 }], x: 1 }));
  });

  it('sorts by code unit, not locale', () => {
    expect(Object.keys(JSON.parse(stableJson({ b: 0, B: 0, a: 0, _: 0, é: 0 })))).toEqual(['B', '_', 'a', 'b', 'é']);
  });

  it('follows JSON.stringify for undefined, functions, non-finite numbers and toJSON', () => {
    const value = { u: undefined, f: () => 1, n: Number.NaN, arr: [undefined, Number.POSITIVE_INFINITY], when: { toJSON: () => ({ z: 1, a: 2 }) } };
    expect(JSON.parse(stableJson(value))).toEqual({ arr: [null, null], n: null, when: { a: 2, z: 1 } });
    expect(stableJson(undefined)).toBe('null\n');
  });

  it('writes a bigint as a decimal string', () => {
    expect(stableJson({ big: 12345678901234567890n })).toBe('{\n  "big": "12345678901234567890"\n}\n');
  });

  it('allows a shared object twice but rejects a cycle, naming where', () => {
    const shared = { k: 1 };
    expect(JSON.parse(stableJson({ a: shared, b: shared }))).toEqual({ a: { k: 1 }, b: { k: 1 } });
    const cyclic: Record<string, unknown> = { a: { list: [] as unknown[] } };
    (cyclic.a as { list: unknown[] }).list.push(cyclic);
    expect(() => stableJson(cyclic)).toThrow(/circular structure as JSON \(at \$\.a\.list\[0\]\)/);
  });
});
