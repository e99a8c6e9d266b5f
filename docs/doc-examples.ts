/**
 * Finds the runnable examples of the project and turns each into a function:
 * - every `@example` block of the TSDoc comments in packages/core/src (interface members,
 *   functions, classes and their members, constants);
 * - every ```ts block of docs/*.md and README.md (```ts no-run blocks are skipped).
 *
 * Inside an example, a line `<expr>; // => <value>` is a check: `expr` is evaluated and compared
 * with `value`, a JS literal (numbers exactly; NaN equals NaN; `-0` only equals -0; a typed array
 * equals an array literal with the same elements). `const name = <expr>; // => <value>` checks
 * `name`. Examples run with `np` bound to the default namespace of @arr/adapter-ndarray and every
 * @arr/core export in scope; top-level `await` and `import` lines work.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

export const ROOT = join(import.meta.dirname, '..');

export interface Example {
  /** Repository-relative file. */
  readonly file: string;
  /** What the example documents: `IOFunctions.load`, `resultType`, or a markdown heading. */
  readonly subject: string;
  /** 1-based line of the example's first code line in `file`. */
  readonly line: number;
  /** The TypeScript source as written. */
  readonly code: string;
}

export interface DocumentedMember {
  readonly file: string;
  /** `Interface.member` or a top-level name. */
  readonly subject: string;
  readonly member: string;
  readonly summary: string;
  readonly examples: number;
}

// ---------------------------------------------------------------- TSDoc

/** The lines of a `/** … *\/` comment without the comment markers. */
function commentLines(raw: string): string[] {
  return raw
    .replace(/^\/\*\*/, '')
    .replace(/\*\/$/, '')
    .split('\n')
    .map((l) => l.replace(/^\s*\*( ?)/, ''));
}

interface ParsedDoc {
  summary: string;
  /** Example bodies with the 0-based offset of their first line within the comment. */
  examples: { code: string; offset: number }[];
}

/** Splits a TSDoc comment into its summary and `@example` blocks (a block tag starts a line). */
export function parseDoc(raw: string): ParsedDoc {
  const lines = commentLines(raw);
  const summary: string[] = [];
  const examples: { code: string; offset: number }[] = [];
  let current: { lines: string[]; offset: number } | undefined;
  let inSummary = true;
  const flush = () => {
    if (current) examples.push({ code: stripFences(current.lines), offset: current.offset });
    current = undefined;
  };
  lines.forEach((line, i) => {
    const tag = /^\s*(@\w+)(.*)$/.exec(line);
    // `@arr/core` in prose is not a tag: a tag is `@name` followed by a space or the line end.
    if (tag && /^(\s|$)/.test(tag[2]!)) {
      inSummary = false;
      flush();
      if (tag[1] === '@example') {
        const rest = tag[2]!.trim();
        current = { lines: rest ? [rest] : [], offset: rest ? i : i + 1 };
      }
      return;
    }
    if (current) current.lines.push(line);
    else if (inSummary) summary.push(line);
  });
  flush();
  return { summary: summary.join('\n').trim(), examples };
}

function stripFences(lines: string[]): string {
  let body = lines.slice();
  while (body.length && body[0]!.trim() === '') body.shift();
  while (body.length && body[body.length - 1]!.trim() === '') body.pop();
  if (body.length && /^```/.test(body[0]!.trim())) {
    body = body.slice(1);
    if (body.length && /^```\s*$/.test(body[body.length - 1]!.trim())) body.pop();
  }
  return body.join('\n');
}

function* walk(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(p);
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') && !entry.name.endsWith('.d.ts')) yield p;
  }
}

/** Every TSDoc comment attached to a declaration in the core sources. */
export function documentedMembers(srcDir = join(ROOT, 'packages/core/src')): { members: DocumentedMember[]; examples: Example[] } {
  const members: DocumentedMember[] = [];
  const examples: Example[] = [];
  for (const path of [...walk(srcDir)].sort()) {
    const file = relative(ROOT, path);
    const text = readFileSync(path, 'utf8');
    const sf = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
    const seen = new Map<string, number>();
    const visit = (node: ts.Node, owner: string | undefined) => {
      const name = declarationName(node);
      const docs = (node as { jsDoc?: ts.JSDoc[] }).jsDoc;
      if (name !== undefined && docs?.length) {
        const doc = docs[docs.length - 1]!;
        const raw = text.slice(doc.getStart(sf), doc.getEnd());
        const parsed = parseDoc(raw);
        const base = owner ? `${owner}.${name}` : name;
        const n = (seen.get(base) ?? 0) + 1;
        seen.set(base, n);
        const subject = n > 1 ? `${base} (overload ${n})` : base;
        members.push({ file, subject, member: name, summary: parsed.summary, examples: parsed.examples.length });
        const startLine = sf.getLineAndCharacterOfPosition(doc.getStart(sf)).line;
        parsed.examples.forEach((ex, i) => {
          examples.push({
            file,
            subject: parsed.examples.length > 1 ? `${subject} #${i + 1}` : subject,
            line: startLine + ex.offset + 1,
            code: ex.code,
          });
        });
      }
      const container =
        ts.isInterfaceDeclaration(node) || ts.isClassDeclaration(node) ? node.name?.text : owner;
      if (ts.isSourceFile(node) || ts.isInterfaceDeclaration(node) || ts.isClassDeclaration(node) || ts.isModuleBlock(node) || ts.isModuleDeclaration(node)) {
        ts.forEachChild(node, (c) => visit(c, container));
      } else if (ts.isVariableStatement(node)) {
        // The comment sits on the statement; the name on its declaration.
      }
    };
    visit(sf, undefined);
  }
  return { members, examples };
}

function declarationName(node: ts.Node): string | undefined {
  if (
    ts.isFunctionDeclaration(node) || ts.isInterfaceDeclaration(node) || ts.isClassDeclaration(node) ||
    ts.isMethodSignature(node) || ts.isPropertySignature(node) || ts.isMethodDeclaration(node) ||
    ts.isPropertyDeclaration(node) || ts.isGetAccessorDeclaration(node) || ts.isTypeAliasDeclaration(node)
  ) {
    const n = node.name;
    return n && (ts.isIdentifier(n) || ts.isStringLiteral(n)) ? n.text : n ? n.getText() : undefined;
  }
  if (ts.isVariableStatement(node)) {
    const d = node.declarationList.declarations[0];
    return d && ts.isIdentifier(d.name) ? d.name.text : undefined;
  }
  return undefined;
}

// ---------------------------------------------------------------- markdown

/** Every ```ts block of a markdown file, named after the heading above it. */
export function markdownExamples(path: string): Example[] {
  const file = relative(ROOT, path);
  const lines = readFileSync(path, 'utf8').split('\n');
  const out: Example[] = [];
  let heading = '(top)';
  const count = new Map<string, number>();
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const h = /^#{1,6}\s+(.*)$/.exec(line);
    if (h) heading = h[1]!.trim();
    const fence = /^(\s*)(`{3,}|~{3,})\s*(\S*)\s*(.*)$/.exec(line);
    if (!fence) continue;
    const [, , marker, lang, info] = fence;
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length && !lines[j]!.trim().startsWith(marker!); j++) body.push(lines[j]!);
    const runnable = (lang === 'ts' || lang === 'typescript') && !/\bno-run\b/.test(info!);
    if (runnable) {
      const n = (count.get(heading) ?? 0) + 1;
      count.set(heading, n);
      out.push({ file, subject: n > 1 ? `${heading} #${n}` : heading, line: i + 2, code: body.join('\n') });
    }
    i = j;
  }
  return out;
}

// ---------------------------------------------------------------- compiling

const CHECK = /^(\s*)(.*?);?\s*\/\/\s*=>\s*(.*\S)\s*$/;
const DECL = /^(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*(?::[^=]+)?=/;

/** Rewrites `expr; // => value` lines into checks. */
export function instrument(code: string): string {
  return code
    .split('\n')
    .map((line, i) => {
      const m = CHECK.exec(line);
      if (!m) return line;
      const [, indent, stmt, value] = m;
      const decl = DECL.exec(stmt!.trim());
      const expected = `() => (${value}), ${JSON.stringify(value)}, ${i + 1}`;
      if (decl) return `${indent}${stmt}; __check(${decl[1]}, ${expected});`;
      return `${indent}__check(${stmt}, ${expected});`;
    })
    .join('\n');
}

/** TypeScript → JavaScript; import/export lines become statements a function body can hold. */
export function compile(code: string): string {
  const js = ts.transpileModule(instrument(code), {
    compilerOptions: {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      verbatimModuleSyntax: false,
      isolatedModules: true,
    },
    reportDiagnostics: false,
  }).outputText;
  let n = 0;
  return js
    .split('\n')
    .map((line) => {
      let m: RegExpExecArray | null;
      if ((m = /^\s*import\s+\*\s+as\s+([\w$]+)\s+from\s+(['"][^'"]+['"]);?\s*(?:\/\/.*)?$/.exec(line))) {
        return `const ${m[1]} = await __import(${m[2]});`;
      }
      if ((m = /^\s*import\s+([\w$]+)\s*(?:,\s*\{([^}]*)\})?\s+from\s+(['"][^'"]+['"]);?\s*(?:\/\/.*)?$/.exec(line))) {
        const mod = `__mod${n++}`;
        const named = m[2] ? ` const {${renameImports(m[2])}} = ${mod};` : '';
        return `const ${mod} = await __import(${m[3]}); const ${m[1]} = ${mod}.default;${named}`;
      }
      if ((m = /^\s*import\s*\{([^}]*)\}\s*from\s+(['"][^'"]+['"]);?\s*(?:\/\/.*)?$/.exec(line))) return namedFrom(m[1]!, m[2]!);
      if ((m = /^\s*import\s+(['"][^'"]+['"]);?\s*(?:\/\/.*)?$/.exec(line))) return `await __import(${m[1]});`;
      return line.replace(/^(\s*)export\s+(?:default\s+)?(?=const|let|var|function|async|class)/, '$1');
    })
    .join('\n');
}

function renameImports(list: string): string {
  return list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => s.replace(/^type\s+/, '').replace(/\s+as\s+/, ': '))
    .join(', ');
}
function namedFrom(list: string, spec: string): string {
  return ` const {${renameImports(list)}} = await __import(${spec});`;
}

// ---------------------------------------------------------------- comparing

const isTyped = (x: unknown): x is ArrayLike<unknown> => ArrayBuffer.isView(x) && !(x instanceof DataView);

/** Exact deep equality as documented at the top of this file. */
export function deepEqual(actual: unknown, expected: unknown): boolean {
  if (typeof expected === 'number') {
    if (typeof actual !== 'number') return false;
    if (Number.isNaN(expected)) return Number.isNaN(actual);
    if (Object.is(expected, -0)) return Object.is(actual, -0);
    return actual === expected;
  }
  if (typeof expected !== 'object' || expected === null) return actual === expected;
  if (Array.isArray(expected) || isTyped(expected)) {
    if (isTyped(expected) && (actual as object)?.constructor !== expected.constructor) return false;
    if (!Array.isArray(actual) && !isTyped(actual)) return false;
    if (actual.length !== expected.length) return false;
    for (let i = 0; i < expected.length; i++) if (!deepEqual(actual[i], expected[i])) return false;
    return true;
  }
  if (typeof actual !== 'object' || actual === null || Array.isArray(actual) || isTyped(actual)) return false;
  const ek = Object.keys(expected).sort();
  const ak = Object.keys(actual).filter((k) => typeof (actual as Record<string, unknown>)[k] !== 'function').sort();
  if (ek.length !== ak.length || ek.some((k, i) => k !== ak[i])) return false;
  return ek.every((k) => deepEqual((actual as Record<string, unknown>)[k], (expected as Record<string, unknown>)[k]));
}

/** A readable rendering that keeps bigint, NaN, -0 and typed-array types visible. */
export function show(x: unknown, depth = 0): string {
  if (typeof x === 'number') return Object.is(x, -0) ? '-0' : String(x);
  if (typeof x === 'bigint') return `${x}n`;
  if (typeof x === 'string') return JSON.stringify(x);
  if (typeof x !== 'object' || x === null) return String(x);
  if (depth > 6) return '…';
  if (isTyped(x)) return `${x.constructor.name}[${Array.from(x as ArrayLike<unknown>, (v) => show(v)).join(', ')}]`;
  if (Array.isArray(x)) return `[${x.map((v) => show(v, depth + 1)).join(', ')}]`;
  const ctor = (x as object).constructor;
  if (ctor && ctor !== Object) return String(x);
  return `{ ${Object.entries(x).map(([k, v]) => `${k}: ${show(v, depth + 1)}`).join(', ')} }`;
}

// ---------------------------------------------------------------- running

// eslint-disable-next-line @typescript-eslint/no-empty-function
const AsyncFunction = (async () => {}).constructor as new (...args: string[]) => (...a: unknown[]) => Promise<void>;
const IDENT = /^[A-Za-z_$][\w$]*$/;

export interface Scope {
  /** The namespace bound to `np`. */
  readonly np: unknown;
  /** Modules `import` lines resolve to (others go through the real `import()`). */
  readonly modules: Readonly<Record<string, Record<string, unknown>>>;
  /** Names in scope (the @arr/core exports). */
  readonly globals: Readonly<Record<string, unknown>>;
}

/** Runs one example; throws on an error or a failed check, naming file, subject and line. */
export async function runExample(ex: Example, scope: Scope): Promise<void> {
  const where = `${ex.file}:${ex.line} (${ex.subject})`;
  let fn: (...a: unknown[]) => Promise<void>;
  const names = Object.keys(scope.globals).filter((k) => IDENT.test(k) && k !== 'np');
  const body = `const { ${names.join(', ')} } = __globals;\n{\n${compile(ex.code)}\n}`;
  try {
    fn = new AsyncFunction('np', '__globals', '__check', '__import', body);
  } catch (e) {
    throw new Error(`${where}: the example does not compile: ${(e as Error).message}\n${ex.code}`);
  }
  const failures: string[] = [];
  const check = (actual: unknown, expected: () => unknown, text: string, line: number) => {
    let want: unknown;
    try {
      want = expected();
    } catch (e) {
      failures.push(`line ${ex.line + line - 1}: the expected value \`${text}\` is not a JS literal (${(e as Error).message})`);
      return;
    }
    if (!deepEqual(actual, want)) failures.push(`line ${ex.line + line - 1}: expected ${show(want)}, received ${show(actual)}`);
  };
  const importer = async (spec: string) => scope.modules[spec] ?? (await import(/* @vite-ignore */ spec));
  try {
    await fn(scope.np, scope.globals, check, importer);
  } catch (e) {
    const err = e as Error;
    const wrapped = new Error(`${where} threw ${err?.name ?? 'an error'}: ${err?.message ?? String(e)}\n--- example ---\n${ex.code}`, { cause: e });
    throw wrapped;
  }
  if (failures.length) throw new Error(`${where}: ${failures.join('; ')}\n--- example ---\n${ex.code}`);
}
