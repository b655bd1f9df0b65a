/**
 * What `vitest run` does between loading the config and running tests, in each major's own
 * node API (child side, run-child.ts): start the coverage provider, glob the test files as
 * specifications, order them from the results cache, run them. Vitest's objects are typed
 * structurally; only the methods a major really has are called.
 *
 * - Vitest 1–2: `initCoverageProvider`, `globTestFiles` (tuples `[project, file]`, in 2.1
 *   TestSpecification objects that still index as tuples), `runFiles`.
 * - Vitest 3: `initCoverageProvider`, `globTestSpecifications`, `runTestSpecifications`.
 * - Vitest 4: `createCoverageProvider` (initCoverageProvider became internal), the rest as 3.
 */

/** One file as one project runs it, in the major's own shape. */
interface Spec {
  file: string;
  project: string;
  raw: unknown;
}

export interface VitestApi {
  /** Starts the coverage provider (and cleans its output) as `vitest run` does before running. */
  initCoverage(): Promise<void>;
  /** The specifications Vitest's own globbing finds for these (substring) filters. */
  glob(filters: string[]): Promise<Spec[]>;
  /** Runs exactly `specs`, ordered by Vitest's sequencer from its results cache. */
  run(specs: Spec[]): Promise<void>;
}

interface ProjectLike {
  name?: string;
  getName?(): string;
  config?: { name?: string };
}

interface SpecLike {
  moduleId?: string;
  project?: ProjectLike;
  0?: ProjectLike;
  1?: string;
}

interface VitestNodeLike {
  config: { root: string; coverage?: { clean?: boolean } };
  cache: { stats: { populateStats(root: string, specs: unknown[]): Promise<void> } };
  coverageProvider?: { clean(clean?: boolean): Promise<void> } | null;
  initCoverageProvider?(): Promise<unknown>;
  createCoverageProvider?(): Promise<unknown>;
  /** Vitest 1: browser providers start in `start()`, before any file runs. */
  initBrowserProviders?(): Promise<void>;
  globTestFiles?(filters: string[]): Promise<SpecLike[]>;
  runFiles?(specs: unknown[], allTestsRun: boolean): Promise<unknown>;
  globTestSpecifications?(filters: string[]): Promise<SpecLike[]>;
  runTestSpecifications?(specs: unknown[], allTestsRun: boolean): Promise<unknown>;
}

export function vitestApi(vitest: VitestNodeLike, major: number): VitestApi {
  const populate = (specs: Spec[]) =>
    vitest.cache.stats.populateStats(
      vitest.config.root,
      specs.map((s) => s.raw),
    );
  // aqe runs a subset of the files as often as all of them: coverage never claims all tests ran.
  if (major <= 2) {
    return {
      async initCoverage() {
        await vitest.initCoverageProvider!();
        await vitest.coverageProvider?.clean(vitest.config.coverage?.clean);
        if (major === 1) await vitest.initBrowserProviders?.();
      },
      glob: async (filters) => (await vitest.globTestFiles!(filters)).map(toSpec),
      async run(specs) {
        await populate(specs);
        await vitest.runFiles!(
          specs.map((s) => s.raw),
          false,
        );
      },
    };
  }
  return {
    async initCoverage() {
      if (major >= 4) {
        await vitest.createCoverageProvider!();
        return;
      }
      await vitest.initCoverageProvider!();
      await vitest.coverageProvider?.clean(vitest.config.coverage?.clean);
    },
    glob: async (filters) => (await vitest.globTestSpecifications!(filters)).map(toSpec),
    async run(specs) {
      await populate(specs);
      await vitest.runTestSpecifications!(
        specs.map((s) => s.raw),
        false,
      );
    },
  };
}

function toSpec(raw: SpecLike): Spec {
  const project = raw.project ?? raw[0];
  return { file: raw.moduleId ?? raw[1] ?? '', project: project?.name ?? project?.getName?.() ?? project?.config?.name ?? '', raw };
}
