import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { DEFAULT_ERP_CONFIG } from '../../src/config/erp-config.js';
import { loadErpConfig } from '../../src/config/load-erp-config.js';

test('the documented example configuration is exactly the defaults, and loads', () => {
  const loaded = loadErpConfig(join(import.meta.dirname, '../../erp-config.example.json'));
  assert.equal(loaded, DEFAULT_ERP_CONFIG);
});

test.run();
