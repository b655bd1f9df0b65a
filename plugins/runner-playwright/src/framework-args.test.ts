import { describe, expect, it } from 'vitest';
import { frameworkArgs } from './framework-args.js';

describe('frameworkArgs', () => {
  it('keeps what Playwright should see, in order', () => {
    expect(frameworkArgs(['--timeout=1', '--workers', '2', '--headed', '-x', 'spec-filter'])).toEqual(['--timeout=1', '--workers', '2', '--headed', '-x', 'spec-filter']);
  });

  it('drops the reporter, --list, --ui and --debug, with their values', () => {
    expect(frameworkArgs(['--reporter', 'html', '--list', '--timeout=5', '--reporter=dot', '--ui', '--ui-port', '9000', '--ui-host=0.0.0.0', '--debug', '--headed'])).toEqual(['--timeout=5', '--headed']);
  });

  it('is empty without words', () => {
    expect(frameworkArgs(undefined)).toEqual([]);
  });
});
