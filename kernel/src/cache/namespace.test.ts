import { describe, expect, it } from 'vitest';
import { namespacedKey, resolveNamespaces } from './namespace.js';

describe('cache trust namespaces', () => {
  it('by default writes an own namespace shared by clones on this machine, and reads it then trusted', () => {
    const a = resolveNamespaces({});
    expect(a.write).toMatch(/^user-[0-9a-f]{12}$/);
    expect(a.read).toEqual([a.write, 'trusted']);
    expect(resolveNamespaces({})).toEqual(a);
  });

  it('writes and reads only trusted with AQE_CACHE_WRITE=trusted', () => {
    expect(resolveNamespaces({ AQE_CACHE_WRITE: 'trusted', AQE_CACHE_NAMESPACE: 'pr-1' })).toEqual({ read: ['trusted'], write: 'trusted' });
  });

  it('uses AQE_CACHE_NAMESPACE as the own namespace; AQE_CACHE_WRITE=none reads only', () => {
    expect(resolveNamespaces({ AQE_CACHE_NAMESPACE: 'pr-123' })).toEqual({ read: ['pr-123', 'trusted'], write: 'pr-123' });
    expect(resolveNamespaces({ AQE_CACHE_NAMESPACE: 'pr-123', AQE_CACHE_WRITE: 'none' })).toEqual({ read: ['pr-123', 'trusted'], write: null });
  });

  it.each([
    [{ AQE_CACHE_NAMESPACE: 'trusted' }, 'AQE_CACHE_NAMESPACE=trusted'],
    [{ AQE_CACHE_NAMESPACE: '../x' }, 'is not a namespace name'],
    [{ AQE_CACHE_WRITE: 'always' }, 'is not one of own, trusted, none'],
  ])('refuses %o', (env, text) => {
    expect(() => resolveNamespaces(env)).toThrow(expect.objectContaining({ code: 'AQE_CACHE_CONFIG_INVALID', message: expect.stringContaining(text) }));
  });

  it('prefixes keys with the namespace', () => {
    expect(namespacedKey('trusted', 'abc')).toBe('trusted/abc');
  });
});
