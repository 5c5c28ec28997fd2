/** Markdown helpers for messages, notes and hovers (one copy for the whole engine). */

/** A code span: `text`. */
export const q = (s: string): string => '`' + s + '`';
