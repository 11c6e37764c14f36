// The SDK's command-line entry, `@fiks-faktura/sdk/cli`: what the toolkit's command lines
// (`fiks-io`, `fiks-io-emulator`, `reference-erp`, `fiks-conformance`) are built from, kept apart
// from the main entry so that a command line loads only this and the modules its command needs.

export { closestName } from './cli/closest-name.js';
export { EXIT_CODES } from './cli/command-help.js';
export {
  type CommandSpec,
  defineCommand,
  type ExitCodeMeaning,
  type OptionSpec,
  type PositionalSpec,
} from './cli/command-spec.js';
export { badOptionValue, integerInRange, positiveInteger } from './cli/option-values.js';
export {
  type CommandLine,
  runCommandLine,
  runSingleCommand,
  type SingleCommandLine,
} from './cli/run-command-line.js';
