import type { CacheCommandReport } from '@aqe/kernel';
import { describe, expect, it } from 'vitest';
import { renderHuman } from './render-human.js';

const render = (data: CacheCommandReport) => renderHuman({ kind: 'cache', data }, { interactive: false, cwd: '/repo' });

describe('human output of aqe cache', () => {
  it.each<[string, CacheCommandReport, string]>([
    [
      'stats',
      {
        command: 'stats',
        namespaces: { read: ['pr-1', 'trusted'], write: 'pr-1' },
        tiers: [
          { id: 'lmdb', order: 0, remote: false, stats: { entries: 4, hits: 1, misses: 2, writes: 3, errors: 0 } },
          { id: 'redis', order: 10, remote: true, error: 'connect ECONNREFUSED' },
        ],
      },
      'tier   order  entries  hits  misses  writes  errors\nlmdb   0      4        1     2       3       0\nredis  10     -        -     -       -       -\nredis unavailable: connect ECONNREFUSED\nreads pr-1 → trusted  writes pr-1\n',
    ],
    [
      'clear',
      {
        command: 'clear',
        tiers: [
          { id: 'lmdb', removed: 4 },
          { id: 'redis', removed: null },
        ],
      },
      'lmdb   4 removed\nredis  cannot be cleared\n',
    ],
    ['prune', { command: 'prune', tiers: [{ id: 'redis', removed: null }] }, 'redis  expires entries itself\n'],
    [
      'explain',
      {
        command: 'explain',
        file: 'test/a.test.js',
        runner: 'node',
        key: 'k'.repeat(64),
        inputs: [
          { kind: 'file', name: 'test/a.test.js', hash: 'a'.repeat(64) },
          { kind: 'node', name: 'node', hash: 'b'.repeat(64) },
        ],
      },
      `test/a.test.js (node)\nkey ${'k'.repeat(64)}\nfile  test/a.test.js  aaaaaaaaaaaa\nnode  node            bbbbbbbbbbbb\n`,
    ],
    [
      'warm',
      { command: 'warm', files: 5, ran: 2, cached: 3, failed: 1, cache: { enabled: true, hits: 3, misses: 2, writes: 1, disabledTiers: [], rejected: 0 } },
      '5 files: 2 ran, 3 already cached, 1 failed (not cached)\n1 entries written\n',
    ],
  ])('renders %s', (_name, data, text) => {
    expect(render(data)).toBe(text);
  });
});
