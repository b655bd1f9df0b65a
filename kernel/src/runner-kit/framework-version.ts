import { createRequire } from 'node:module';
import { AqeError, ErrorCodes } from '../errors.js';

// semver loads in tens of milliseconds: only when a version is actually checked.
const require = createRequire(import.meta.url);
const semver = () => require('semver') as typeof import('semver');

export interface FrameworkSupport {
  /** The npm package whose installed version decides (`vitest`, `jest`, `@playwright/test`). */
  package: string;
  /** A semver range of the versions the runner is tested against, e.g. `>=1.0.0 <5`. */
  range: string;
}

/**
 * One runner-level error for an installed framework version outside what the runner
 * supports (undefined when it is inside, or the version is unknown): it names the version,
 * the range and what to do, instead of every file failing with a message from inside aqe.
 */
export function unsupportedVersion(runner: string, support: FrameworkSupport, version: string | undefined): AqeError | undefined {
  if (version === undefined) return undefined;
  const coerced = semver().coerce(version, { includePrerelease: true });
  if (coerced && semver().satisfies(coerced, support.range, { includePrerelease: true })) return undefined;
  return new AqeError(
    ErrorCodes.RUNNER_VERSION_UNSUPPORTED,
    `${support.package} ${version} is installed, but the ${runner} runner supports ${support.package} ${support.range}`,
    `Install a supported version (npm install --save-dev ${support.package}@<version in ${support.range}>), or run the framework directly`,
  );
}
