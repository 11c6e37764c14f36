#!/usr/bin/env node
// The `reference-erp` command. `#cli` (package.json "imports") is the built JavaScript; under the `source`
// condition, as in development and tests (with tsx loaded), the TypeScript source instead.
import '#cli';
