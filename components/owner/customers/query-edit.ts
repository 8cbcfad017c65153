import type { CompletionItem } from '@/lib/segments';

/**
 * Text edits of the segment editor, pure so they are tested without a DOM: accepting a
 * completion, applying a "did you mean", adding a condition from a chart.
 */

/** Put a completion in place of [from, to) and say where the cursor goes. A space follows, so the next word can start. */
export function acceptCompletion(text: string, from: number, to: number, item: CompletionItem): { text: string; cursor: number } {
  const after = text.slice(to);
  // An opening parenthesis is followed directly by what it holds; anything else by one space.
  const opens = item.insert === '(';
  const glue = opens || after.startsWith(' ') ? '' : ' ';
  const inserted = item.insert + glue;
  const cursor = from + item.insert.length + (opens ? 0 : 1);
  return { text: text.slice(0, from) + inserted + after, cursor };
}

/** Replace the characters an error points at with its suggestion. */
export function applySuggestion(text: string, start: number, end: number, suggestion: string): string {
  return text.slice(0, start) + suggestion + text.slice(end);
}
