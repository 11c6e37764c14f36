#!/usr/bin/env node
// The `fiks-io-emulator` command. `#emulator-cli` (package.json "imports") is the built JavaScript; under the `source`
// condition, as in development and tests (with tsx loaded), the TypeScript source instead.
import '#emulator-cli';
