import { CacheError, ErrorCodes } from '@aqe/kernel';
import { TimeoutError } from '@aqe/kernel/cache';

/** ioredis's rejections of a call made while it has no usable connection. */
const OFFLINE = /Stream isn't writeable|Connection is closed|Cluster isn't ready|None of startup nodes|Failed to refresh slots/;
const UNREACHABLE = /ECONNREFUSED|ECONNRESET|EHOSTUNREACH|ENOTFOUND|ETIMEDOUT|EPIPE/;
const AUTH = /NOAUTH|WRONGPASS|invalid password|invalid username/i;

/**
 * Turns what ioredis threw into a CacheError that names the tier, the server and the fix.
 * `lastError` is the client's most recent connection error: "stream isn't writeable"
 * alone would not tell a user *why* Redis is unreachable.
 */
export function tierError(error: unknown, op: string, target: string, lastError?: string): CacheError {
  if (error instanceof CacheError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const cause = { cause: error };
  const unavailable = (what: string, fix: string) => new CacheError(ErrorCodes.CACHE_TIER_UNAVAILABLE, 'redis', what, fix, cause);
  // The connection error says why; ioredis's own rejection only says "not connected".
  const why = lastError ?? (OFFLINE.test(message) ? 'not connected' : message);
  if (error instanceof TimeoutError || /Command timed out/.test(message)) {
    return unavailable(`${op} got no answer within the timeout from ${target}${lastError ? ` (${lastError})` : ''}`, 'Check that Redis is up and not overloaded, or raise the timeoutMs option; aqe goes on without this tier');
  }
  if (AUTH.test(message) || (lastError && AUTH.test(lastError))) {
    return unavailable(`${target} rejected the credentials (${AUTH.test(message) ? message : lastError})`, 'Put the right user and password in the URL, redis://user:password@host:6379 (the "url" option or AQE_REDIS_URL)');
  }
  if (/^NOPERM/.test(message)) {
    return unavailable(`${target} refused ${op} to this user (${message})`, 'Grant the user the commands and key pattern listed in docs/deployment/redis.md; a pull-request user may write only its own namespace');
  }
  if (/^OOM /.test(message)) {
    return unavailable(`${target} is out of memory (${message})`, 'Set maxmemory-policy allkeys-lru so Redis evicts old entries (see docs/deployment/redis.md)');
  }
  if (OFFLINE.test(message) || UNREACHABLE.test(message)) {
    return unavailable(`cannot reach Redis at ${target} (${why})`, 'Check that Redis is running and that AQE_REDIS_URL (or the "url" option) points at it; aqe goes on without this tier and reconnects when it is back');
  }
  return unavailable(`${op} failed on ${target}: ${message}`, 'Check the Redis server log; aqe goes on without this tier');
}
