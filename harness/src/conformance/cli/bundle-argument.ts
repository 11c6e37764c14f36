import type { PositionalSpec } from '@fiks-faktura/sdk/cli';

/** The `<bundle>` positional of the commands that read an evidence bundle (verify, rejudge). */
export const BUNDLE_ARGUMENT: PositionalSpec = {
  name: 'bundle',
  required: true,
  describe: 'the evidence bundle (run --evidence)',
};
