#!/usr/bin/env node
// The `reference-erp` command: runs the TypeScript sources through tsx (there is no build step).
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
