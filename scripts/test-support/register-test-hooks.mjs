// Loaded with `node --import` by the test runner: routes `import … from 'uvu'` in test files to
// uvu-readable-errors.mjs.
import { register } from 'node:module';

register('./uvu-specifier-hook.mjs', import.meta.url);
