import type { FailureClass } from '@aqe/kernel';

// A Record keeps the list complete when the kernel adds a class.
const CLASSES: Record<FailureClass, 1> = { environment: 1, flaky: 1, regression: 1, snapshot: 1, unknown: 1 };

export const FAILURE_CLASSES = Object.keys(CLASSES).sort() as FailureClass[];
