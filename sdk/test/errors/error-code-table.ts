/**
 * The SDK README's table of error codes, rendered from the error catalogue. Run this file to
 * rewrite the table in the README: `npx tsx sdk/test/errors/error-code-table.ts`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ERROR_CATALOGUE } from '../../src/errors/error-catalogue.js';

export const README = fileURLToPath(new URL('../../README.md', import.meta.url));
export const TABLE_START = '<!-- error-codes: generated from src/errors/error-catalogue.ts -->';
export const TABLE_END = '<!-- error-codes: end -->';

/** The table as Markdown, one row per class and code, in catalogue order. */
export function renderErrorCodeTable(): string {
  const rows = Object.entries(ERROR_CATALOGUE).flatMap(([errorClass, codes]) =>
    Object.entries(codes).map(([code, meaning]) => `| \`${code}\` | \`${errorClass}\` | ${meaning} |`),
  );
  return ['| code | class | meaning |', '|---|---|---|', ...rows].join('\n');
}

/** The table as the README holds it now, or undefined without the markers. */
export function tableInReadme(readme: string): string | undefined {
  const start = readme.indexOf(TABLE_START);
  const end = readme.indexOf(TABLE_END);
  if (start < 0 || end < start) return undefined;
  return readme.slice(start + TABLE_START.length, end).trim();
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const readme = readFileSync(README, 'utf8');
  const start = readme.indexOf(TABLE_START);
  const end = readme.indexOf(TABLE_END);
  if (start < 0 || end < start) throw new Error(`${README} lacks the markers ${TABLE_START} … ${TABLE_END}`);
  const table = `${TABLE_START}\n${renderErrorCodeTable()}\n${TABLE_END}`;
  writeFileSync(README, readme.slice(0, start) + table + readme.slice(end + TABLE_END.length));
}
