import { describe, expect, it } from 'vitest';
import { MatchIndex } from './match-index.js';
import { sketch } from './minhash.js';

const texts = [
  'AssertionError expected <n> to be <n> // Object.is equality tests/price.test.ts',
  'AssertionError expected <n> to be <n> // Object.is equality tests/cart.test.ts',
  'Error connect ECONNREFUSED <host>:<n>',
  'Error Snapshot <str> mismatched tests/snapshot.test.ts',
  'TypeError Cannot read properties of undefined (reading <str>) renderUser (src/user.ts)',
];

describe('MatchIndex', () => {
  const index = new MatchIndex();
  for (const [i, t] of texts.entries()) index.add(`s${i}`, sketch(t));

  it('finds the signatures nearest a failure, most similar first', () => {
    const found = index.nearest(sketch('AssertionError expected <n> to be <n> // Object.is equality tests/order.test.ts'), 5, 0.5);
    expect(found.map((m) => m.id)).toEqual(['s0', 's1']);
    expect(found[0]!.similarity).toBeGreaterThan(0.5);
  });

  it('finds an identical text with similarity 1 and nothing unrelated', () => {
    expect(index.nearest(sketch(texts[2]!), 5, 0.5)).toEqual([{ id: 's2', similarity: 1 }]);
    expect(index.nearest(sketch('RangeError Maximum call stack size exceeded'), 5, 0.5)).toEqual([]);
  });

  it('agrees with scoring every signature', () => {
    for (const t of texts) expect(index.nearest(sketch(t), 3, 0.5)).toEqual(index.scan(sketch(t), 3, 0.5));
  });

  it('grows past its initial capacity', () => {
    const big = new MatchIndex();
    for (let i = 0; i < 3000; i++) big.add(`id${i}`, sketch(`Error failure number ${i} in module m${i % 7}`));
    expect(big.size).toBe(3000);
    expect(big.nearest(sketch('Error failure number 2999 in module m3'), 1, 0.5)[0]).toEqual({ id: 'id2999', similarity: 1 });
  });
});
