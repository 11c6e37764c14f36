/** The `<bundle>` positional of the commands that read an evidence bundle (verify, rejudge). */
export const BUNDLE_ARGUMENT = {
  type: 'string',
  demandOption: true,
  describe: 'the evidence bundle (run --evidence)',
} as const;
