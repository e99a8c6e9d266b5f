// @ts-check
/**
 * Local TypeDoc plugin for the @arr API reference:
 * - "@arr" in prose ("every @arr adapter") is not a block tag: TSDoc would split the comment
 *   there, so the stray tag is merged back into the text it interrupted.
 * - modules are named after their package ("core/src" → "@arr/core").
 * - functions and constants that an entry point re-exports only through `export type * from …`
 *   (the group factories such as `creationFunctions(ctx)`, internal helpers) cannot be called by
 *   users, so they are left out.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { Application, Converter, ReflectionKind } from 'typedoc';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The value names an entry file exports at run time, or undefined when that cannot be told from
 * the file alone (an `export * from`), or when it has no `export type * from` to filter.
 * @param {string} file
 */
function runtimeExports(file) {
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false);
  const names = new Set();
  let typeStar = false;
  for (const st of sf.statements) {
    if (ts.isExportDeclaration(st)) {
      if (!st.exportClause) {
        if (st.isTypeOnly) typeStar = true;
        else return undefined;
      } else if (!st.isTypeOnly && ts.isNamedExports(st.exportClause)) {
        for (const el of st.exportClause.elements) if (!el.isTypeOnly) names.add(el.name.text);
      }
    } else if (ts.isExportAssignment(st)) names.add('default');
    else if (ts.canHaveModifiers(st) && ts.getModifiers(st)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) {
      if (ts.getModifiers(st)?.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword)) names.add('default');
      if (ts.isVariableStatement(st)) for (const d of st.declarationList.declarations) ts.isIdentifier(d.name) && names.add(d.name.text);
      else if ((ts.isFunctionDeclaration(st) || ts.isClassDeclaration(st)) && st.name) names.add(st.name.text);
    }
  }
  return typeStar ? names : undefined;
}

/** @param {import('typedoc').ContainerReflection} mod @param {string} file @param {import('typedoc').ProjectReflection} project */
function dropTypeOnlyValues(mod, file, project) {
  const names = runtimeExports(file);
  if (!names) return;
  for (const child of [...(mod.children ?? [])]) {
    if (child.kindOf(ReflectionKind.Function | ReflectionKind.Variable) && !names.has(child.name)) project.removeReflection(child);
  }
}

const PROSE_TAGS = new Set(['@arr']);

/** @param {import('typedoc').Comment | undefined} comment */
function mergeProseTags(comment) {
  if (!comment || !comment.blockTags.some((t) => PROSE_TAGS.has(t.tag))) return;
  const kept = [];
  for (const tag of comment.blockTags) {
    if (!PROSE_TAGS.has(tag.tag)) {
      kept.push(tag);
      continue;
    }
    const target = kept.length === 0 ? comment.summary : kept[kept.length - 1].content;
    const last = target[target.length - 1];
    const gap = last && !/\s$/.test(last.text) ? ' ' : '';
    target.push({ kind: 'text', text: `${gap}${tag.tag} ` }, ...tag.content);
  }
  comment.blockTags = kept;
}

/** @param {import('typedoc').Application} app */
export function load(app) {
  // Declared as a tag only to silence TypeDoc's "unknown block tag" warning; merged back below.
  app.on(Application.EVENT_BOOTSTRAP_END, () => {
    const tags = app.options.getValue('blockTags');
    if (!tags.includes('@arr')) app.options.setValue('blockTags', [...tags, '@arr']);
  });
  app.converter.on(Converter.EVENT_RESOLVE_BEGIN, (context) => {
    const project = context.project;
    const modules = (project.children ?? []).filter((c) => c.kindOf(ReflectionKind.Module));
    if (modules.length === 0) {
      const entry = /** @type {string[]} */ (app.options.getValue('entryPoints'))[0];
      if (entry) dropTypeOnlyValues(project, entry, project);
    }
    for (const m of modules) {
      const pkg = /^([\w-]+)\/src(?:\/index)?$/.exec(m.name);
      if (pkg) dropTypeOnlyValues(m, join(ROOT, 'packages', pkg[1], 'src/index.ts'), project);
    }
    for (const r of Object.values(project.reflections)) {
      mergeProseTags(r.comment);
      if ('signatures' in r && Array.isArray(r.signatures)) for (const s of r.signatures) mergeProseTags(s.comment);
      if (r.kindOf(ReflectionKind.Module)) {
        const m = /^([\w-]+)\/src(?:\/index)?$/.exec(r.name);
        if (m) r.name = `@arr/${m[1]}`;
      }
    }
    mergeProseTags(project.comment);
  });
}
