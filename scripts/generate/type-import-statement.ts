/** An `import type { … } from '…';` (or `export type`) statement, one name per line. */
export function typeImport(keyword: 'import' | 'export', names: readonly string[], from: string): string {
  return `${keyword} type {\n${names.map((n) => `  ${n},\n`).join('')}} from '${from}';`;
}
