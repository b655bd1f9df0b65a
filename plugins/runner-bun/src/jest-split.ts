import type { TestError } from '@aqe/kernel';
import { ImportClosure } from './import-closure.js';
import { jestProjectRules } from './jest-config.js';
import { jestOnlyReason, projectOf } from './jest-only.js';

/** What bun must load before each file to stand in for Jest: the project's setup files, and a script setting its globals. */
export interface JestSetup {
  preload: string[];
  globals: Record<string, unknown>;
}

/**
 * Splits a Jest suite's files between bun and Jest, by the resolved Jest config: `jest` holds
 * why each file bun cannot run as Jest would goes to Jest; `bun` the rest, with the setup
 * bun preloads for them. One bun run loads one setup: when projects differ in theirs, the
 * files of all but the largest such group go to Jest too.
 */
export async function splitForBun(root: string, files: readonly string[]): Promise<{ bun: readonly string[]; setup?: JestSetup; jest: Map<string, TestError> }> {
  const jest = new Map<string, TestError>();
  const projects = await jestProjectRules(root);
  if (!projects) return { bun: files, jest };
  const closure = new ImportClosure();
  const groups = new Map<string, { setup: JestSetup; files: string[] }>();
  for (const file of files) {
    const reason = jestOnlyReason(root, file, projects, closure);
    if (reason) {
      jest.set(file, { message: `not run under bun: ${reason}` });
      continue;
    }
    const project = projectOf(root, file, projects);
    const setup: JestSetup = { preload: project?.setupFiles ?? [], globals: project?.globals ?? {} };
    const key = JSON.stringify(setup);
    const group = groups.get(key) ?? { setup, files: [] };
    group.files.push(file);
    groups.set(key, group);
  }
  const [chosen, ...others] = [...groups.values()].sort((a, b) => b.files.length - a.files.length);
  for (const group of others) {
    for (const file of group.files) jest.set(file, { message: "not run under bun: its Jest project's setup files or globals differ from the other files', and one bun run loads one setup" });
  }
  return { bun: chosen?.files ?? [], ...(chosen ? { setup: chosen.setup } : {}), jest };
}
