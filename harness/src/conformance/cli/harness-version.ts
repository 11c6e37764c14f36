import { readFileSync } from 'node:fs';

/** The harness's name and version, from its package.json (recorded in every report). */
export function harnessIdentity(): { name: string; version: string } {
  const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as {
    name: string;
    version: string;
  };
  return { name: pkg.name, version: pkg.version };
}
