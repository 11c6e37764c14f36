import { maskFoedselsnumreInText } from '../mask-personal-data.js';

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * `value` as HTML text or a quoted attribute value: personal numbers masked (a second guard: the
 * report is masked already) and the five characters that could open markup or end an attribute
 * escaped. Every string from the report passes through here before it reaches the page.
 */
export function htmlText(value: string | number): string {
  return maskFoedselsnumreInText(String(value)).replace(/[&<>"']/g, (ch) => ENTITIES[ch]!);
}

/** A duration in ms as people read it: `842 ms`, `10.4 s`; `–` when unknown. */
export function formatMs(ms: number | null): string {
  if (ms === null) return '–';
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}
