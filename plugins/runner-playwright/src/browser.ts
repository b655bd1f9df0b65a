import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { basename, dirname, extname, join } from 'node:path';

/** Debian's (and Ubuntu's snap shim's) Chromium. */
const SYSTEM_CHROMIUM = '/usr/bin/chromium';

/**
 * The Chromium aqe makes Playwright launch instead of its own, or undefined to leave the
 * project's config alone: AQE_PLAYWRIGHT_CHROMIUM when set (an executable path; empty or "0"
 * turns the substitution off), else /usr/bin/chromium when Playwright's own Chromium is not
 * downloaded (`npx playwright install chromium` was never run) and that file exists.
 */
export function systemChromium(playwrightDir: string): string | undefined {
  const forced = process.env.AQE_PLAYWRIGHT_CHROMIUM;
  if (forced !== undefined) return forced === '' || forced === '0' ? undefined : forced;
  if (hasBundledChromium(playwrightDir)) return undefined;
  return existsSync(SYSTEM_CHROMIUM) ? SYSTEM_CHROMIUM : undefined;
}

/**
 * The Chromium builds this Playwright downloads (its playwright-core's browsers.json:
 * `chromium` and, from 1.49, `chromium-headless-shell`, at one revision) are all in its
 * browsers directory, named as playwright-core's registry names them. Another version's
 * builds do not count: each Playwright launches only its own revision.
 */
function hasBundledChromium(playwrightDir: string): boolean {
  const dir = browsersDir(playwrightDir);
  const builds = chromiumBuilds(playwrightDir);
  if (!dir || !builds || builds.length === 0) return false;
  return builds.every((build) => existsSync(join(dir, build)));
}

function chromiumBuilds(playwrightDir: string): string[] | undefined {
  try {
    const core = dirname(createRequire(join(playwrightDir, 'package.json')).resolve('playwright-core/package.json'));
    const { browsers } = JSON.parse(readFileSync(join(core, 'browsers.json'), 'utf8')) as { browsers: { name: string; revision: string; installByDefault?: boolean }[] };
    return browsers.filter((b) => b.name.startsWith('chromium') && b.installByDefault !== false).map((b) => `${b.name.replace(/-/g, '_')}-${b.revision}`);
  } catch {
    return undefined;
  }
}

function browsersDir(playwrightDir: string): string | undefined {
  const env = process.env.PLAYWRIGHT_BROWSERS_PATH;
  if (env === '0') {
    try {
      return join(dirname(createRequire(join(playwrightDir, 'package.json')).resolve('playwright-core/package.json')), '.local-browsers');
    } catch {
      return undefined;
    }
  }
  if (env) return env;
  if (process.platform === 'darwin') return join(homedir(), 'Library/Caches/ms-playwright');
  if (process.platform === 'win32') return join(process.env.LOCALAPPDATA ?? join(homedir(), 'AppData/Local'), 'ms-playwright');
  return join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'ms-playwright');
}

let counter = 0;

/**
 * Writes a config beside the project's (same directory, so every path Playwright resolves
 * from the config's directory — testDir, outputDir, globalSetup, webServer.cwd — is
 * unchanged) that imports it and sets `use.launchOptions.executablePath` to `chromium` in
 * every project that launches Playwright's own Chromium (browserName chromium, no channel,
 * no executablePath of its own). Returns its path; the caller deletes it.
 */
export function writeChromiumConfig(configFile: string | undefined, dir: string, chromium: string): string {
  // The module system of the project's config (Playwright transforms TS and decides CJS/ESM as for it).
  const ext = configFile ? (({ '.mjs': '.mts', '.mts': '.mts', '.cjs': '.cts', '.cts': '.cts' } as Record<string, string>)[extname(configFile)] ?? '.ts') : '.ts';
  const file = join(dir, `.aqe-playwright-${process.pid}-${++counter}.config${ext}`);
  const load = configFile
    ? `// @ts-nocheck\nimport * as userModule from ${JSON.stringify(`./${basename(configFile)}`)};\nlet config: any = userModule.default ?? userModule;\nwhile (config && typeof config === 'object' && 'default' in config) config = config.default;`
    : '// @ts-nocheck\nconst config: any = {};';
  writeFileSync(
    file,
    `// Written by aqe for one run (deleted after it): the project's Playwright config, launching ${chromium} as Chromium.
${load}
const executablePath = ${JSON.stringify(chromium)};
function withChromium(use: any, inherited: any): any {
  const merged = { ...inherited, ...use };
  const launchOptions = merged.launchOptions ?? {};
  const browser = merged.browserName ?? merged.defaultBrowserType ?? 'chromium';
  if (browser !== 'chromium' || merged.channel || launchOptions.channel || launchOptions.executablePath) return use;
  return { ...use, launchOptions: { ...launchOptions, executablePath } };
}
const projects = Array.isArray(config.projects) && config.projects.length > 0 ? config.projects : undefined;
export default projects
  ? { ...config, projects: projects.map((project: any) => ({ ...project, use: withChromium(project.use ?? {}, config.use ?? {}) })) }
  : { ...config, use: withChromium(config.use ?? {}, {}) };
`,
  );
  return file;
}
