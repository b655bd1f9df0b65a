import { describe, expect, it } from 'vitest';
import { parseShard, selectShard } from './shard.js';

describe('parseShard', () => {
  it.each([
    ['1/3', { index: 1, count: 3 }],
    ['3/3', { index: 3, count: 3 }],
    ['0/3', null],
    ['4/3', null],
    ['1-3', null],
    ['a/b', null],
  ])('%s', (text, expected) => expect(parseShard(text)).toEqual(expected));
});

describe('selectShard', () => {
  const files = ['a', 'b', 'c', 'd', 'e', 'f'];

  it('splits every file into exactly one shard, the same way each time', () => {
    const parts = [1, 2, 3].map((i) => selectShard(files, new Map(), i, 3));
    expect(parts.flat().sort()).toEqual(files);
    expect(parts.map((p) => p.length)).toEqual([2, 2, 2]);
    expect(selectShard(files, new Map(), 2, 3)).toEqual(parts[1]);
  });

  it('balances by recorded durations: one slow file gets a shard of its own', () => {
    const durations = new Map([
      ['a', 100],
      ['b', 10],
      ['c', 10],
      ['d', 10],
      ['e', 10],
      ['f', 10],
    ]);
    const parts = [1, 2].map((i) => selectShard(files, durations, i, 2));
    expect(parts).toEqual([['a'], ['b', 'c', 'd', 'e', 'f']]);
  });

  it('weighs files without history as the mean of the others', () => {
    const durations = new Map([
      ['a', 30],
      ['b', 30],
    ]);
    const parts = [1, 2].map((i) => selectShard(['a', 'b', 'new1', 'new2'], durations, i, 2));
    expect(parts.map((p) => p.length)).toEqual([2, 2]);
  });
});
