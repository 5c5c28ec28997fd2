/**
 * `text.indexOf(needle)` for checks that run on every lint of an editor document ("does this file have a
 * suppression comment / an environment comment at all?"): on a 200,000-line file each full search costs several
 * milliseconds, as much as re-parsing the edited block. The last answer per needle is kept; when the next
 * text is an edit of the last one (long common prefix and suffix, found with the incremental parser's
 * chunked comparison, and shared with it: one lint compares the two texts once), only the edited window is
 * searched. Any other text is searched in full.
 */
import { textDiff } from '../parse/incrementalText';
import type { TextLike } from './pieceText';

/** Below this length a plain search is cheaper than comparing with the previous text. */
const MIN_LENGTH = 64 * 1024;

interface Answer {
  text: TextLike;
  index: number;
}
const last = new Map<string, Answer>();
/** The first index of `needle` in `text`, or -1; same answer as `text.indexOf(needle)`. */
export function firstIndexOf(text: TextLike, needle: string): number {
  if (text.length < MIN_LENGTH || needle.length === 0) return text.indexOf(needle);
  const prev = last.get(needle);
  const index = prev ? fromPrevious(prev, text, needle) : text.indexOf(needle);
  last.set(needle, { text, index });
  return index;
}

function fromPrevious(prev: Answer, text: TextLike, needle: string): number {
  if (prev.text === text) return prev.index;
  const { prefix, suffix } = textDiff(prev.text, text);
  // Occurrences that start in [from, to − needle.length] touch the edited range; the others lie wholly in the
  // common prefix or the common suffix, where the previous text had them at the same (or shifted) place.
  const from = Math.max(0, prefix - needle.length + 1);
  const to = Math.min(text.length, text.length - suffix + needle.length - 1);
  const w = text.slice(from, to).indexOf(needle);
  const inWindow = w < 0 ? -1 : from + w;
  if (prev.index < 0) return inWindow;
  // The previous first occurrence wholly before the edit: still the first.
  if (prev.index + needle.length <= prefix) return prev.index;
  // It starts at or after `from`, so nothing in the prefix comes first: the window's, if any.
  if (inWindow >= 0) return inWindow;
  // It lies wholly in the common suffix: the same occurrence, moved by the edit.
  if (prev.index >= prev.text.length - suffix) return prev.index + (text.length - prev.text.length);
  return text.indexOf(needle);
}
