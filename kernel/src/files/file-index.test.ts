import { renameSync, rmSync, symlinkSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { open } from 'lmdb';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../store/index.js';
import { tempProject } from '../test-support/temp-project.js';
import type { Store } from '../types/store.js';
import { indexFiles } from './file-index.js';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup(files: Record<string, string>) {
  const project = tempProject(files);
  cleanups.push(project.cleanup);
  const store: Store = await openStore({ path: join(project.dir, '.aqe/store') });
  cleanups.push(() => store.close());
  return { ...project, store, index: (cache = true) => indexFiles({ root: project.dir, store, cache }) };
}

// A directory's mtime has filesystem granularity; push it forward so a change in the same tick is still seen.
function touchDir(dir: string) {
  const t = new Date(Date.now() + 5000);
  utimesSync(dir, t, t);
}

describe('indexFiles', () => {
  it('lists every file sorted, skipping node_modules, .git and .gitignore rules at every level', async () => {
    const p = await setup({
      'a.test.ts': '',
      'a/b.ts': '',
      'a-b.ts': '',
      'node_modules/x/index.js': '',
      '.git/HEAD': '',
      '.gitignore': 'dist/\n*.log\n',
      'dist/out.js': '',
      'debug.log': '',
      'pkg/.gitignore': 'generated/\n!keep.log\n',
      'pkg/generated/g.ts': '',
      'pkg/keep.log': '',
      'pkg/src/x.spec.js': '',
    });
    expect(p.index().files).toEqual(['.gitignore', 'a-b.ts', 'a.test.ts', 'a/b.ts', 'pkg/.gitignore', 'pkg/keep.log', 'pkg/src/x.spec.js']);
  });

  it('a .gitignore of directory-only rules ignores those directories but never a file of that name', async () => {
    const p = await setup({ '.gitignore': 'build/\n# comment\n\nout/\n', 'build/x.js': '', 'src/build': '', 'src/out/y.js': '', 'src/z.js': '' });
    expect(p.index().files).toEqual(['.gitignore', 'src/build', 'src/z.js']);
  });

  it('re-reads only changed directories on a warm call', async () => {
    const p = await setup({ 'src/a.ts': '', 'src/deep/b.ts': '', 'test/c.test.ts': '' });
    const cold = p.index();
    expect(cold.stats.reread).toBe(cold.stats.dirs);
    await p.store.flushed();
    const warm = p.index();
    expect(warm.stats.reread).toBe(0);
    expect(warm.files).toEqual(cold.files);
    expect(warm.fingerprint).toBe(cold.fingerprint);
  });

  it('reflects adding, deleting and renaming files between warm calls', async () => {
    const p = await setup({ 'test/a.test.ts': '', 'test/b.test.ts': '' });
    p.index();
    await p.store.flushed();
    p.write({ 'test/new.test.ts': '' });
    rmSync(join(p.dir, 'test/a.test.ts'));
    renameSync(join(p.dir, 'test/b.test.ts'), join(p.dir, 'test/renamed.test.ts'));
    touchDir(join(p.dir, 'test'));
    const after = p.index();
    expect(after.files).toEqual(['test/new.test.ts', 'test/renamed.test.ts']);
    expect(after.stats.reread).toBe(1);
  });

  it('knows which files are symbolic links, cold, warm and after a directory changed', async () => {
    const p = await setup({ 'src/a.test.ts': '', 'src/real/b.ts': '' });
    symlinkSync('a.test.ts', join(p.dir, 'src/link.test.ts'));
    symlinkSync('real', join(p.dir, 'src/linked-dir'));
    const cold = p.index();
    // A symlinked directory is not followed; a symlinked file is listed, and marked.
    expect(cold.files).toEqual(['src/a.test.ts', 'src/link.test.ts', 'src/real/b.ts']);
    expect([...cold.symlinks]).toEqual(['src/link.test.ts']);
    await p.store.flushed();
    expect([...p.index().symlinks]).toEqual(['src/link.test.ts']);
    p.write({ 'src/real/c.ts': '' });
    touchDir(join(p.dir, 'src/real'));
    const rewalked = p.index();
    expect(rewalked.stats.reread).toBe(1);
    expect([...rewalked.symlinks]).toEqual(['src/link.test.ts']);
  });

  it('applies a changed .gitignore to the directories below it', async () => {
    const p = await setup({ '.gitignore': '', 'gen/x.ts': '', 'src/y.ts': '' });
    expect(p.index().files).toContain('gen/x.ts');
    await p.store.flushed();
    p.write({ '.gitignore': 'gen/\n' });
    expect(p.index().files).toEqual(['.gitignore', 'src/y.ts']);
  });

  it('detects a corrupted directory record, drops it, re-reads that directory and still lists right', async () => {
    const p = await setup({ 'test/a.test.ts': '', 'test/b.test.ts': '', 'src/x.ts': '' });
    const before = p.index();
    await p.store.close();
    // Flip bytes of the stored record for `test` behind the store's back, as disk damage would.
    const storePath = join(p.dir, '.aqe/store');
    const raw = open({ path: storePath, maxDbs: 8, encoding: 'binary' });
    const db = raw.openDB({ name: 'index', encoding: 'binary' });
    // Both the whole-walk snapshot and the `test` directory's record.
    for (const key of [...db.getKeys()].filter((k) => String(k).endsWith('\0test') || String(k).startsWith('snap:'))) {
      const bytes = Buffer.from(db.getBinary(key)!);
      bytes[bytes.length - 2] ^= 0xff;
      await db.put(key, bytes);
    }
    await raw.close();
    const store = await openStore({ path: storePath });
    cleanups.push(() => store.close());
    const after = indexFiles({ root: p.dir, store });
    expect(after.files).toEqual(before.files);
    expect(after.stats.reread).toBe(1);
    expect(store.health().drops.map((d) => [d.db, d.key.split('\0')[0]?.split(':')[0], d.reason])).toEqual([
      ['index', 'snap', 'checksum'],
      ['index', 'dir', 'checksum'],
    ]);
  });

  it('walks cold without the cache', async () => {
    const p = await setup({ 'a.ts': '' });
    p.index();
    await p.store.flushed();
    expect(p.index(false).stats.reread).toBe(1);
  });
});
