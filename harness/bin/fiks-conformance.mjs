#!/usr/bin/env node
// The `fiks-conformance` command: runs the TypeScript sources through tsx (there is no build step).
import { register } from 'tsx/esm/api';

register();
await import('../src/conformance/cli/main.ts');
