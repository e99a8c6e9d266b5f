/**
 * Runs every example of the project as a test (see doc-examples.ts for the rules):
 * the `@example` blocks of packages/core/src and the ```ts blocks of docs/*.md and README.md.
 * A failing test is named after the file and the function (or heading) the example documents.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import * as core from '@arr/core';
import { ROOT, documentedMembers, markdownExamples, runExample, type Example, type Scope } from './doc-examples.js';

// Loaded dynamically so that a broken adapter fails the examples, not the collection of tests.
const adapter: { ok: true; module: Record<string, unknown> } | { ok: false; error: unknown } = await import('@arr/adapter-ndarray').then(
  (module: Record<string, unknown>) => ({ ok: true as const, module }),
  (error: unknown) => ({ ok: false as const, error }),
);

function scope(): Scope {
  const failure = (): never => {
    const why = adapter.ok ? 'it has no default export (the ready namespace)' : (adapter.error as Error)?.message ?? String(adapter.error);
    throw new Error(`cannot load @arr/adapter-ndarray: ${why}`);
  };
  const loaded = adapter.ok ? adapter.module.default : undefined;
  // Examples that never touch `np` (dtype helpers) still run when the adapter cannot load.
  const np = loaded ?? new Proxy({}, { get: failure, has: failure, ownKeys: failure });
  const modules: Record<string, Record<string, unknown>> = { '@arr/core': core as unknown as Record<string, unknown> };
  if (adapter.ok) modules['@arr/adapter-ndarray'] = adapter.module;
  return { np, globals: core as unknown as Record<string, unknown>, modules };
}

const { members, examples: sourceExamples } = documentedMembers();
const markdownFiles = [
  ...readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).sort().map((f) => join(ROOT, 'docs', f)),
  ...[join(ROOT, 'README.md')].filter((p) => existsSync(p)),
];
const markdown = markdownFiles.flatMap((p) => markdownExamples(p));

const byFile = (list: Example[]) => {
  const m = new Map<string, Example[]>();
  for (const e of list) m.set(e.file, [...(m.get(e.file) ?? []), e]);
  return m;
};

describe('@example blocks in packages/core/src', () => {
  test('examples were found', () => {
    expect(sourceExamples.length).toBeGreaterThan(50);
  });
  for (const [file, list] of byFile(sourceExamples)) {
    describe(file, () => {
      for (const ex of list) test(`${ex.subject} (line ${ex.line})`, () => runExample(ex, scope()));
    });
  }
});

describe('```ts blocks in the docs', () => {
  for (const [file, list] of byFile(markdown)) {
    describe(file, () => {
      for (const ex of list) test(`${ex.subject} (line ${ex.line})`, () => runExample(ex, scope()));
    });
  }
});

describe('documentation coverage', () => {
  test('every function of the namespace has a TSDoc summary and an @example', () => {
    const np = scope().np as Record<string, unknown>;
    void Object.keys(np); // fails here, with the reason, when the adapter cannot load
    // Members of the interfaces the namespace is assembled from (ArrayNamespace extends them).
    const documented = new Map<string, { summary: boolean; example: boolean }>();
    for (const m of members) {
      const owner = m.subject.split('.')[0]!;
      if (!/Functions$|^NamespaceCore$/.test(owner) || m.subject.indexOf('.') < 0) continue;
      const prev = documented.get(m.member) ?? { summary: false, example: false };
      documented.set(m.member, { summary: prev.summary || m.summary !== '', example: prev.example || m.examples > 0 });
    }
    const missing: string[] = [];
    for (const name of Object.keys(np).sort()) {
      if (typeof np[name] !== 'function') continue;
      const d = documented.get(name);
      if (!d) missing.push(`${name} (not declared in a *Functions interface)`);
      else if (!d.summary || !d.example) missing.push(`${name} (${[!d.summary && 'no summary', !d.example && 'no @example'].filter(Boolean).join(', ')})`);
    }
    expect(missing, `namespace functions without docs:\n${missing.join('\n')}`).toEqual([]);
  });
});
