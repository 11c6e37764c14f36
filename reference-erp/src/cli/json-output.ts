/** Prints one JSON line on stdout: every command's result, and `serve`'s ready line. */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}
