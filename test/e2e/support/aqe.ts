import { execFile } from 'node:child_process';
import { cp, mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
export const fixturesDir = join(repoRoot, 'test/fixtures');
const bin = join(repoRoot, 'cli/bin/run.js');

export interface AqeResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * A throwaway place for one test file: oclif's data, cache and config dirs (where
 * `aqe plugins link|install` writes) and room for fixture copies, so no test reads or
 * writes the real home or the repo's fixtures.
 */
export class Sandbox {
  private constructor(readonly dir: string) {}

  static async create(): Promise<Sandbox> {
    return new Sandbox(await mkdtemp(join(tmpdir(), 'aqe-e2e-')));
  }

  /** Copies test/fixtures/<name> into the sandbox; the kernel writes its store under the project. */
  async project(name: string): Promise<string> {
    const target = join(this.dir, 'projects', name);
    // A store left in the fixture by a manual run must not leak into the test.
    await cp(join(fixturesDir, name), target, { recursive: true, filter: (src) => !src.split(/[\\/]/).includes('.aqe') });
    return target;
  }

  /** A fixture copy that resolves the frameworks (and aqe itself, for suggested `npx aqe` commands) from the repository's node_modules. */
  async linkedProject(name: string): Promise<string> {
    const target = await this.project(name);
    await symlink(join(repoRoot, 'node_modules'), join(target, 'node_modules'), 'dir');
    return target;
  }

  /** Runs the built bin as a user would: `node cli/bin/run.js ...args` in `cwd`. */
  run(args: readonly string[], cwd: string, extraEnv: NodeJS.ProcessEnv = {}): Promise<AqeResult> {
    return new Promise((resolve, reject) => {
      execFile(process.execPath, [bin, ...args], { cwd, env: { ...this.env(), ...extraEnv }, timeout: 120_000 }, (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') {
          reject(new Error(`aqe ${args.join(' ')} did not exit by itself (${error.signal ?? error.message})\nstdout:\n${stdout}\nstderr:\n${stderr}`));
          return;
        }
        resolve({ code: typeof error?.code === 'number' ? error.code : 0, stdout, stderr });
      });
    });
  }

  remove(): Promise<void> {
    return rm(this.dir, { recursive: true, force: true });
  }

  private env(): NodeJS.ProcessEnv {
    // The test runner sets NODE_ENV=test (oclif then looks for TypeScript sources), and an
    // AI assistant's variables would change the default output: a user's shell has neither.
    const { NODE_ENV: _nodeEnv, CLAUDECODE: _claude, AQE_AI_OUTPUT: _ai, FORCE_COLOR: _color, ...env } = process.env;
    return {
      ...env,
      AQE_DATA_DIR: join(this.dir, 'data'),
      AQE_CACHE_DIR: join(this.dir, 'cache'),
      AQE_CONFIG_DIR: join(this.dir, 'config'),
      // `aqe plugins install` runs npm: keep its cache in the sandbox too.
      npm_config_cache: join(this.dir, 'npm-cache'),
      NO_COLOR: '1',
      // oclif wraps error messages to 80 columns off a TTY; keep each message on one line.
      OCLIF_COLUMNS: '1000',
    };
  }
}

/** The `data` of the json formatter's `{ schemaVersion, kind, data }` envelope. */
export function jsonData<T>(result: AqeResult, kind: string): T {
  const envelope = JSON.parse(result.stdout) as { kind: string; data: T };
  if (envelope.kind !== kind) throw new Error(`expected ${kind} output, got ${envelope.kind}`);
  return envelope.data;
}
