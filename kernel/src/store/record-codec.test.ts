import { describe, expect, it } from 'vitest';
import { decodeRecord, encodeRecord, RECORD_VERSION } from './record-codec.js';

describe('record codec', () => {
  const value = { file: 'src/a.test.ts', status: 'pass', ms: 12.5, tags: ['x', 'y'], bytes: Buffer.from([1, 2, 3]), nested: { n: null } };

  it('round-trips a value under its key', () => {
    const decoded = decodeRecord('k', encodeRecord('k', value));
    expect(decoded).toEqual({ ok: true, value });
  });

  it('writes magic, format version and a checksum in front of the payload', () => {
    const record = encodeRecord('k', 1);
    expect(record[1]).toBe(RECORD_VERSION);
    expect(record.length).toBeGreaterThan(6);
  });

  it('rejects a flipped payload byte as a checksum failure', () => {
    const record = Buffer.from(encodeRecord('k', value));
    record[record.length - 2]! ^= 0xff;
    expect(decodeRecord('k', record)).toMatchObject({ ok: false, reason: 'checksum' });
  });

  it('rejects a record read under another key (its key bytes were damaged)', () => {
    expect(decodeRecord('other', encodeRecord('k', value))).toMatchObject({ ok: false, reason: 'checksum' });
  });

  it('rejects another format version', () => {
    const record = Buffer.from(encodeRecord('k', value));
    record[1] = RECORD_VERSION + 1;
    expect(decodeRecord('k', record)).toMatchObject({ ok: false, reason: 'version' });
  });

  it('rejects bytes that are not a record, never throwing', () => {
    expect(decodeRecord('k', Buffer.from('hello world'))).toMatchObject({ ok: false, reason: 'decode' });
    expect(decodeRecord('k', Buffer.alloc(0))).toMatchObject({ ok: false, reason: 'decode' });
    expect(decodeRecord('k', encodeRecord('k', value).subarray(0, 4))).toMatchObject({ ok: false, reason: 'decode' });
  });

  it('returns binary values that do not alias the record bytes', () => {
    const record = Buffer.from(encodeRecord('k', { bytes: Buffer.from([7, 7]) }));
    const decoded = decodeRecord('k', record);
    record.fill(0);
    expect(decoded).toMatchObject({ ok: true, value: { bytes: Buffer.from([7, 7]) } });
  });

  it('encodes many records without later ones overwriting earlier ones', () => {
    const records = Array.from({ length: 50 }, (_, i) => encodeRecord(`k${i}`, { i, pad: 'x'.repeat(i * 40) }));
    records.forEach((record, i) => {
      expect(decodeRecord(`k${i}`, record)).toEqual({ ok: true, value: { i, pad: 'x'.repeat(i * 40) } });
    });
  });
});
