/**
 * Reads the SDK's sources for the codes each error class is thrown with: the first argument of
 * `new XError(…)`, of `super(…)` inside `class XError`, of a factory whose first parameter is
 * typed with a class's code union (also when imported under another name), and the values of a
 * `Record<…, XErrorCode>` table. Every upper-case string literal in such an argument counts, so a
 * conditional (`closed ? 'A' : 'B'`) yields both.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

export interface SourceFile {
  path: string;
  text: string;
}

const CODE_LITERAL = /'([A-Z][A-Z0-9_]+)'/g;

/** Every .ts file under `root`, with its path relative to `root`. */
export function readSources(root: string): SourceFile[] {
  const files: SourceFile[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts'))
        files.push({ path: relative(root, path), text: readFileSync(path, 'utf8') });
    }
  };
  walk(root);
  return files;
}

/** The text of the argument starting at `start` (just after `(`), up to its top-level `,` or `)`. */
function firstArgument(text: string, start: number): string {
  let depth = 0;
  let quote: string | undefined;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (quote !== undefined) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
    } else if (c === "'" || c === '"' || c === '`') quote = c;
    else if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      if (depth === 0) return text.slice(start, i);
      depth--;
    } else if (c === ',' && depth === 0) return text.slice(start, i);
  }
  return text.slice(start);
}

function codesIn(argument: string): string[] {
  return [...argument.matchAll(CODE_LITERAL)].map((m) => m[1] as string);
}

function escapeForPattern(name: string): string {
  return name.replace(/[$]/g, '\\$');
}

/** Codes by error class, from every throw site of the classes named in `classes`. */
export function thrownCodes(
  files: readonly SourceFile[],
  classes: readonly string[],
): Map<string, Set<string>> {
  const found = new Map<string, Set<string>>();
  const add = (errorClass: string, codes: string[]): void => {
    const set = found.get(errorClass) ?? new Set<string>();
    for (const code of codes) set.add(code);
    found.set(errorClass, set);
  };
  // `type XErrorCode = ErrorCodeOf<'XError'>` names a class's union.
  const unionOf = new Map<string, string>();
  for (const { text } of files)
    for (const m of text.matchAll(/type (\w+) = ErrorCodeOf<'(\w+)'>/g))
      unionOf.set(m[1] as string, m[2] as string);
  const classOfType = (type: string): string | undefined =>
    unionOf.get(type) ?? /^ErrorCodeOf<'(\w+)'>$/.exec(type)?.[1];
  // Factories: `function name(code: XErrorCode`.
  const factories = new Map<string, string>();
  for (const { text } of files)
    for (const m of text.matchAll(/function (\w+)\(\s*code: (\w+(?:<'\w+'>)?)/g)) {
      const errorClass = classOfType(m[2] as string);
      if (errorClass !== undefined) factories.set(m[1] as string, errorClass);
    }
  for (const { text } of files) {
    const callees = new Map<string, string>(classes.map((c) => [c, c]));
    for (const [factory, errorClass] of factories) {
      callees.set(factory, errorClass);
      const alias = new RegExp(`\\b${escapeForPattern(factory)} as (\\w+)`).exec(text);
      if (alias) callees.set(alias[1] as string, errorClass);
    }
    for (const [callee, errorClass] of callees) {
      const prefix = classes.includes(callee) ? 'new ' : '(?<![\\w.])';
      for (const m of text.matchAll(new RegExp(`${prefix}${escapeForPattern(callee)}(?:<[^>(]*>)?\\(`, 'g')))
        add(errorClass, codesIn(firstArgument(text, (m.index ?? 0) + m[0].length)));
    }
    // `super(…)` inside a class body.
    const declarations = [...text.matchAll(/class (\w+)(?:<[^>]*>)? extends \w+/g)];
    declarations.forEach((declaration, i) => {
      const errorClass = declaration[1] as string;
      if (!classes.includes(errorClass)) return;
      const body = text.slice(declaration.index, declarations[i + 1]?.index ?? text.length);
      for (const m of body.matchAll(/\bsuper\(/g))
        add(errorClass, codesIn(firstArgument(body, (m.index ?? 0) + m[0].length)));
    });
    // Tables: `: Readonly<Record<string, XErrorCode>> = { … }`.
    for (const m of text.matchAll(/Record<\w+, (\w+(?:<'\w+'>)?)>>? = \{/g)) {
      const errorClass = classOfType(m[1] as string);
      if (errorClass === undefined) continue;
      const open = (m.index ?? 0) + m[0].length;
      const table = text.slice(open, text.indexOf('}', open));
      add(
        errorClass,
        [...table.matchAll(/:\s*'([A-Z][A-Z0-9_]+)'/g)].map((v) => v[1] as string),
      );
    }
  }
  return found;
}

/** Names of the classes in `files` that extend FiksError or one of its subclasses. */
export function errorClassesIn(files: readonly SourceFile[]): string[] {
  const parents = new Map<string, string>();
  for (const { text } of files)
    for (const m of text.matchAll(/class (\w+)(?:<[^>]*>)? extends (\w+)/g))
      parents.set(m[1] as string, m[2] as string);
  const isFiksError = (name: string, seen = 0): boolean =>
    name === 'FiksError' ||
    (seen < 10 && parents.has(name) && isFiksError(parents.get(name) as string, seen + 1));
  return [...parents.keys()].filter((name) => isFiksError(name));
}
