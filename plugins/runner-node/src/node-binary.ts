import { dirname, join } from 'node:path';
import { AqeError, ErrorCodes } from '@aqe/kernel';
import { frameworkEnv, isExecutable, runFrameworkProcess } from '@aqe/kernel/runner-kit';

/** Names the Node binary that runs the tests, over what the project would use. */
const NODE_BINARY_ENV = 'AQE_NODE_BINARY';

/**
 * The Node that runs a project's tests, as `npm test` would pick it: `AQE_NODE_BINARY` when
 * set; else a `node` in node_modules/.bin from the root up (the `node` npm package, which
 * npm puts first on the script's PATH); else the Node running aqe. Its version decides
 * which files `node --test` runs and how (see node-version.ts).
 */
export function nodeBinary(root: string): string {
  const chosen = process.env[NODE_BINARY_ENV];
  if (chosen) return chosen;
  for (let dir = root; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', '.bin', process.platform === 'win32' ? 'node.exe' : 'node');
    if (isExecutable(candidate)) return candidate;
    if (dirname(dir) === dir) return process.execPath;
  }
}

const versions = new Map<string, Promise<string>>();

/** `node --version` of the binary, without the v (asked once per binary and aqe process). */
export function nodeVersion(binary: string, root: string): Promise<string> {
  if (binary === process.execPath) return Promise.resolve(process.versions.node);
  let version = versions.get(binary);
  if (!version) {
    version = askVersion(binary, root);
    versions.set(binary, version);
  }
  return version;
}

async function askVersion(binary: string, root: string): Promise<string> {
  const exit = await runFrameworkProcess({ command: binary, args: ['--version'], cwd: root, env: frameworkEnv(root), captureStdout: true });
  const version = /^v?(\d+\.\d+\.\d+\S*)/.exec(exit.stdout?.trim() ?? '')?.[1];
  if (version) return version;
  const why = exit.spawnError?.message ?? (exit.stderr.trim() || `exited with code ${exit.code}`);
  throw new AqeError(
    ErrorCodes.RUNNER_CONFIG_FAILED,
    `could not tell the version of the Node that runs the tests, ${binary}: ${why}`,
    `Point ${NODE_BINARY_ENV} at a working node binary, or unset it to use the project's (node_modules/.bin/node) or aqe's own`,
  );
}
