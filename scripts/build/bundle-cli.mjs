#!/usr/bin/env node
// Part of `npm run build`: bundles the `fiks-io` command line into sdk/dist/bundle/ (one file for
// the runner and the commands, one chunk per lazily loaded part), so a call reads a handful of
// files instead of dozens: start-up is most of what a scripted `fiks-io` call costs. The npm
// dependencies stay outside the bundle (they are the package's own dependencies). The bundle sits
// two folders below the package root like every built module, so the package's run-time paths
// (`../../package.json`, `../config/…schema.json`) resolve from it as from dist/<folder>/*.js.
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

const sdk = new URL('../../sdk/', import.meta.url).pathname;
const outdir = `${sdk}dist/bundle`;

rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: { 'fiks-io': `${sdk}dist/cli/main.js` },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  chunkNames: '[name]-[hash]',
  logLevel: 'warning',
});
console.log('bundled fiks-io into sdk/dist/bundle/');
