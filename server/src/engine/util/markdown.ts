/** Markdown helpers for messages, notes and hovers (one copy for the whole engine). */

/** A code span: `text`. */
export const q = (s: string): string => '`' + s + '`';

/** A code span for text that may hold a backtick (user input in hovers): backticks become `'`. */
export const codeSpan = (s: string): string => q(s.replace(/`/g, "'"));

/** Code spans joined with `, `: `a`, `b`. */
export const qList = (items: readonly string[]): string => items.map(q).join(', ');
