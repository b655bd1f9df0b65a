import { describe, expect, it } from 'vitest';
import { AqeError, defineErrorCodes } from './errors.js';

describe('defineErrorCodes', () => {
  it("namespaces a plugin's codes so they cannot collide with the kernel's or another plugin's", () => {
    const codes = defineErrorCodes('coverage-gaps', ['REPORT_MISSING', 'LCOV_INVALID']);
    expect(codes).toEqual({ REPORT_MISSING: 'AQE_COVERAGE_GAPS_REPORT_MISSING', LCOV_INVALID: 'AQE_COVERAGE_GAPS_LCOV_INVALID' });
    const error = new AqeError(codes.REPORT_MISSING, 'no coverage/lcov.info', 'Run the tests with --coverage first');
    expect(error.code).toBe('AQE_COVERAGE_GAPS_REPORT_MISSING');
    expect(error.message).toBe('no coverage/lcov.info. Run the tests with --coverage first');
  });

  it('rejects a namespace or name that would not make a stable code, naming it', () => {
    expect(() => defineErrorCodes('Coverage', ['X'])).toThrow(/namespace "Coverage"/);
    expect(() => defineErrorCodes('coverage', ['not-upper'])).toThrow(/name "not-upper"/);
  });
});
