// uvu prints an error's `details` property as text, and stops reporting (silently) when it is an
// object, as the `details` of the toolkit's errors are. This wraps uvu's `suite` and `test` so a
// test that throws such an error fails with its code, message and details spelled out. The test
// runner maps the bare specifier `uvu` here (see register-test-hooks.mjs); this file imports the
// real uvu by its path, which the mapping leaves alone.
import { exec, suite as uvuSuite } from '../../node_modules/uvu/dist/index.mjs';

function readable(error) {
  if (
    error === null ||
    typeof error !== 'object' ||
    typeof error.details !== 'object' ||
    error.details === null
  )
    return error;
  const plain = new Error(
    `${error.name} [${error.code}]: ${error.message}\n    details: ${JSON.stringify(error.details)}`,
    {
      cause: error,
    },
  );
  // uvu prints the stack from its first line break on: keep the message out of it.
  plain.stack = `Error\n${String(error.stack ?? '')
    .split('\n')
    .slice(1)
    .join('\n')}`;
  return plain;
}

function guard(handler) {
  return async (...args) => {
    try {
      return await handler(...args);
    } catch (error) {
      throw readable(error);
    }
  };
}

function wrap(original) {
  const test = (name, handler) => original(name, guard(handler));
  test.only = (name, handler) => original.only(name, guard(handler));
  test.skip = (...args) => original.skip(...args);
  test.before = (handler) => original.before(guard(handler));
  test.before.each = (handler) => original.before.each(guard(handler));
  test.after = (handler) => original.after(guard(handler));
  test.after.each = (handler) => original.after.each(guard(handler));
  test.run = () => original.run();
  return test;
}

export const suite = (...args) => wrap(uvuSuite(...args));
export const test = suite();
export { exec };
