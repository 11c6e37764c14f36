#!/usr/bin/env node
// Part of `npm run build`: copies the files the code reads at run time beside it (JSON Schemas,
// data tables, SQL migrations: every file under a package's `src/` that is neither TypeScript nor
// Markdown) into the same place under `dist/`, so `new URL('./x.json', import.meta.url)` finds
// them from the built JavaScript as it does from the source. The protocols package needs no copy:
// its data stays where it is and its code finds it from the package root.
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { dirname, extname, join, relative } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;
const packages = ['sdk', 'reference-erp', 'harness'];
const skipped = new Set(['.ts', '.md']);

function* assets(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* assets(path);
    else if (!skipped.has(extname(entry.name))) yield path;
  }
}

let copied = 0;
for (const name of packages) {
  const src = join(root, name, 'src');
  for (const file of assets(src)) {
    const target = join(root, name, 'dist', relative(src, file));
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(file, target);
    copied++;
  }
}
console.log(`copied ${copied} run-time asset(s) into dist/`);
