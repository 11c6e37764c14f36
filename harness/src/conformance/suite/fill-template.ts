import { evaluate, type PlaceholderScope } from './placeholder-scope.js';
import { PlaceholderSyntaxError, parseTemplateString } from './placeholder-syntax.js';
import { SuiteError } from './suite-error.js';

/**
 * Fills a JSON template: every string is parsed for placeholders. A string that is exactly one
 * placeholder takes the resolved value as it is (number, object, …); placeholders inside longer
 * strings are interpolated as text. Keys are not templated.
 */
export function fillTemplate(template: unknown, scope: PlaceholderScope): unknown {
  if (typeof template === 'string') return fillString(template, scope);
  if (Array.isArray(template)) return template.map((item) => fillTemplate(item, scope));
  if (template !== null && typeof template === 'object') {
    return Object.fromEntries(
      Object.entries(template).map(([key, value]) => [key, fillTemplate(value, scope)]),
    );
  }
  return template;
}

function fillString(text: string, scope: PlaceholderScope): unknown {
  let parts: ReturnType<typeof parseTemplateString>;
  try {
    parts = parseTemplateString(text);
  } catch (error) {
    if (error instanceof PlaceholderSyntaxError) {
      throw new SuiteError('PLACEHOLDER_SYNTAX', `${scope.where}: ${error.message}`, {
        details: { placeholder: error.source },
      });
    }
    throw error;
  }
  const [only] = parts;
  if (parts.length === 1 && only !== undefined && typeof only !== 'string') {
    return evaluate(only.expression, only.source, scope);
  }
  return parts
    .map((part) => {
      if (typeof part === 'string') return part;
      const value = evaluate(part.expression, part.source, scope);
      return typeof value === 'object' ? JSON.stringify(value) : String(value);
    })
    .join('');
}
