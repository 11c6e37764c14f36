/** ANSI styles for the console, or none. */
export interface ConsoleStyle {
  green(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
}

const sgr = (open: number, close: number) => (text: string) => `\u001b[${open}m${text}\u001b[${close}m`;

const colours: ConsoleStyle = {
  green: sgr(32, 39),
  red: sgr(31, 39),
  yellow: sgr(33, 39),
  dim: sgr(2, 22),
  bold: sgr(1, 22),
};

const plain: ConsoleStyle = {
  green: (t) => t,
  red: (t) => t,
  yellow: (t) => t,
  dim: (t) => t,
  bold: (t) => t,
};

/**
 * True when colours should be used on `stream`: it is a terminal and `NO_COLOR` is not set to
 * anything (https://no-color.org).
 */
export function wantsColour(
  stream: { isTTY?: boolean } = process.stdout,
  env: NodeJS.ProcessEnv = process.env,
): boolean {
  return stream.isTTY === true && (env['NO_COLOR'] ?? '') === '';
}

/** The style for `colour` on or off. */
export function consoleStyle(colour: boolean): ConsoleStyle {
  return colour ? colours : plain;
}
