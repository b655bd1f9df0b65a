import { createHash } from 'node:crypto';
import { hostname, userInfo } from 'node:os';
import { CacheError, ErrorCodes } from '../errors.js';

/** The namespace only builds trusted to write it (the main branch in CI) write; everyone reads it. */
const TRUSTED = 'trusted';

export interface CacheNamespaces {
  /** Looked up in this order; the first hit wins. */
  read: string[];
  /** Where this build writes (and back-fills); null for a read-only build. */
  write: string | null;
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/**
 * Trust namespaces against cache poisoning (the CREEP class of attack on shared build
 * caches, CVE-2025-36852): a build writes only its own namespace, so a pull request can
 * never plant an entry that a main-branch build will read.
 *
 * - `AQE_CACHE_WRITE=trusted`: write `trusted`, read `trusted` only.
 * - otherwise: write the own namespace and read it, then `trusted`. The own namespace is
 *   `AQE_CACHE_NAMESPACE`, else `user-<hash of user@host>`: clones on one machine (or one
 *   CI runner) share it, other machines do not see it.
 * - `AQE_CACHE_WRITE=none`: read as above, write nothing.
 */
export function resolveNamespaces(env: NodeJS.ProcessEnv = process.env): CacheNamespaces {
  const mode = env.AQE_CACHE_WRITE?.trim() || 'own';
  if (!['own', 'trusted', 'none'].includes(mode)) {
    throw invalid(`AQE_CACHE_WRITE="${env.AQE_CACHE_WRITE}" is not one of own, trusted, none`, 'Set AQE_CACHE_WRITE=trusted only in builds of trusted code (the main branch); leave it unset elsewhere');
  }
  if (mode === 'trusted') return { read: [TRUSTED], write: TRUSTED };
  const own = env.AQE_CACHE_NAMESPACE?.trim() || defaultNamespace();
  if (!NAME.test(own)) {
    throw invalid(`AQE_CACHE_NAMESPACE="${own}" is not a namespace name`, 'Use 1-64 letters, digits, ".", "_" or "-", starting with a letter or digit (e.g. pr-123)');
  }
  if (own === TRUSTED) {
    throw invalid('AQE_CACHE_NAMESPACE=trusted would let this build write the trusted namespace', 'Set AQE_CACHE_WRITE=trusted instead, and only in builds of trusted code');
  }
  return { read: [own, TRUSTED], write: mode === 'none' ? null : own };
}

/** Storage key of an entry: the namespace is a key prefix, so Redis ACLs and S3 policies can fence it. */
export function namespacedKey(namespace: string, key: string): string {
  return `${namespace}/${key}`;
}

function defaultNamespace(): string {
  let user = 'unknown';
  try {
    user = userInfo().username;
  } catch {
    // No passwd entry (some containers): the host alone still tells machines apart.
  }
  return `user-${createHash('sha256').update(`${user}@${hostname()}`).digest('hex').slice(0, 12)}`;
}

function invalid(message: string, fix: string): CacheError {
  return new CacheError(ErrorCodes.CACHE_CONFIG_INVALID, 'cache', message, fix);
}
