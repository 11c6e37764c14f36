#!/usr/bin/env node
// The `fiks-io-emulator` command: runs the TypeScript sources through tsx (there is no build step).
import { register } from 'tsx/esm/api';

register();
await import('../src/emulator/emulator-cli.ts');
