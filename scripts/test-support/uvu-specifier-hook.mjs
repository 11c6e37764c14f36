const readable = new URL('./uvu-readable-errors.mjs', import.meta.url).href;

/** Resolves the bare specifier `uvu` to the readable-errors wrapper; everything else as usual. */
export async function resolve(specifier, context, next) {
  if (specifier === 'uvu') return { url: readable, shortCircuit: true };
  return next(specifier, context);
}
