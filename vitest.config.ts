import { defineConfig } from 'vitest/config';

// Workspace packages resolve to their TypeScript sources (the `@arr/source` export condition),
// so tests never run against a stale dist/.
const conditions = ['@arr/source', 'import', 'module', 'node', 'default'];
const project = (name: string, root: string, extra: Record<string, unknown> = {}) => ({
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: conditions } },
  test: { name, root, include: ['src/**/*.test.ts'], testTimeout: 60_000, ...extra },
});

export default defineConfig({
  test: {
    projects: [
      project('core', 'packages/core'),
      project('conformance', 'packages/conformance'),
      project('numerics', 'packages/numerics'),
      project('adapter-ndarray', 'packages/adapter-ndarray'),
      project('adapter-cuda', 'packages/adapter-cuda'),
      project('adapter-onnxruntime', 'packages/adapter-onnxruntime'),
      project('adapter-tfjs', 'packages/adapter-tfjs'),
      project('demo', 'apps/demo'),
      project('bench', 'apps/bench'),
      project('docs', 'docs', { include: ['*.test.ts'] }),
    ],
  },
});
