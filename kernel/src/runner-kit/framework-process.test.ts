import { describe, expect, it } from 'vitest';
import { runFrameworkProcess } from './framework-process.js';

describe('runFrameworkProcess', () => {
  it('hands back what a short command printed when asked to, and nothing of stdout otherwise', async () => {
    const options = { command: process.execPath, args: ['-e', 'console.log(process.version); console.error("warn")'], cwd: process.cwd(), env: process.env };
    const captured = await runFrameworkProcess({ ...options, captureStdout: true });
    expect(captured).toMatchObject({ code: 0, stdout: `${process.version}\n`, stderr: 'warn\n' });
    const quiet = await runFrameworkProcess(options);
    expect(quiet.code).toBe(0);
    expect(quiet).not.toHaveProperty('stdout');
  });
});
