import { readFileSync } from 'node:fs';
import { relative, sep } from 'node:path';
import type { SpecFile } from './protocol-spec-model.js';

/** Reads one JSON file of a specification without throwing on a BOM or invalid JSON. */
export function readSpecFile(root: string, absolutePath: string): SpecFile {
  const path = relative(root, absolutePath).split(sep).join('/');
  let text = readFileSync(absolutePath, 'utf8');
  const hasBom = text.charCodeAt(0) === 0xfeff;
  if (hasBom) text = text.slice(1);
  try {
    return { path, absolutePath, hasBom, json: JSON.parse(text), parseError: undefined };
  } catch (error) {
    return { path, absolutePath, hasBom, json: undefined, parseError: (error as Error).message };
  }
}
