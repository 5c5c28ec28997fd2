/**
 * Suppression comments:
 *   # vcluster-cors-disable-next-line <id>[, <id>] [-- reason]
 *   key: value  # vcluster-cors-disable-line <id>
 *   # vcluster-cors-disable <id>            (whole file)
 * The id list ends at `--` or at a second `#`; what follows is the reason (`# … no-vary-origin # no CDN`).
 * Without ids a directive suppresses every rule. Unused directives are reported by `unused-disable`.
 */
import { Parser } from 'yaml';
import type { Range } from '../types';
import type { LineIndex } from '../parse/positions';
import { firstIndexOf } from '../util/textSearch';
import { fastTokens } from '../parse/fastParser';
import { flat, type TextLike } from '../util/pieceText';

export type DirectiveKind = 'disable' | 'disable-line' | 'disable-next-line';

export interface DirectiveId {
  id: string;
  range: Range;
  used: boolean;
}

export interface Directive {
  kind: DirectiveKind;
  /** 0-based line of the comment. */
  line: number;
  /** From the `#` to the end of the comment text (reason included). */
  commentRange: Range;
  /** Range of the id list (for merging new ids into it). */
  idsRange: Range;
  ids: DirectiveId[];
  /** True when the comment is the only thing on its line. */
  ownLine: boolean;
  used: boolean;
  reason?: string;
}

const MARK = 'vcluster-cors-disable';
/** A marker comment's start; the first one on a line that is a real comment counts (an earlier one may be in a string). */
const HEAD = /(^|[ \t])#[ \t]*vcluster-cors-(disable-next-line|disable-line|disable)(?=$|[ \t])/g;

/**
 * Offsets of the `#` of every real YAML comment, from the concrete syntax tree of the whole text: a
 * `# vcluster-cors-disable` inside a quoted value or a block scalar is text, not a comment. For callers without the
 * file's parse; lintText asks its parse instead (parse/scalarText.ts), which costs no new parse of the text.
 */
function commentOffsets(text: TextLike): Set<number> {
  const out = new Set<number>();
  const stack: unknown[] = [];
  const whole = flat(text);
  for (const tok of fastTokens(whole) ?? new Parser().parse(whole)) stack.push(tok);
  while (stack.length) {
    const n = stack.pop();
    if (Array.isArray(n)) {
      for (const x of n) stack.push(x);
      continue;
    }
    if (!n || typeof n !== 'object') continue;
    const t = n as { type?: string; offset?: number };
    if (t.type === 'comment' && typeof t.offset === 'number') out.add(t.offset);
    for (const v of Object.values(n)) if (v && typeof v === 'object') stack.push(v);
  }
  return out;
}

/**
 * The suppression comments of `text`. `isComment(offset)` tells whether the `#` at that offset starts a YAML comment;
 * without it, the text's concrete syntax tree is built to tell (only when the marker occurs).
 */
export function parseDirectives(text: TextLike, lines: LineIndex, isComment?: (offset: number) => boolean): Directive[] {
  const out: Directive[] = [];
  if (firstIndexOf(text, MARK) < 0) return out;
  let comments: Set<number> | undefined;
  const commentAt = isComment ?? ((offset: number) => (comments ??= commentOffsets(text)).has(offset));
  let from = 0;
  for (;;) {
    const at = text.indexOf(MARK, from);
    if (at < 0) break;
    const line = lines.position(at).line;
    from = lines.lineEnd(line) + 1;
    const ls = lines.lineStart(line);
    const lineText = lines.lineText(line);
    let m: RegExpExecArray | null;
    HEAD.lastIndex = 0;
    while ((m = HEAD.exec(lineText)) && !commentAt(ls + m.index + m[1].length));
    if (!m) continue;
    const hashAt = ls + m.index + m[1].length;
    const kind = m[2] as DirectiveKind;
    const restStart = ls + m.index + m[0].length;
    let rest = lineText.slice(m.index + m[0].length);
    let reason: string | undefined;
    // The id list ends at `--` or at a second `#` (a comment on the comment): the rest is the reason.
    const end = /--|(?:^|[ \t,])(#)/.exec(rest);
    if (end) {
      const at = end[1] ? end.index + end[0].length - 1 : end.index;
      reason = rest.slice(at + (end[1] ? 1 : 2)).trim();
      rest = rest.slice(0, at);
    }
    const ids: DirectiveId[] = [];
    const idRe = /[^\s,]+/g;
    let im: RegExpExecArray | null;
    while ((im = idRe.exec(rest)))
      ids.push({ id: im[0], range: { start: restStart + im.index, end: restStart + im.index + im[0].length }, used: false });
    const trimmedEnd = restStart + rest.replace(/\s+$/, '').length;
    out.push({
      kind,
      line,
      commentRange: { start: hashAt, end: ls + lineText.length },
      idsRange: ids.length ? { start: ids[0].range.start, end: ids[ids.length - 1].range.end } : { start: trimmedEnd, end: trimmedEnd },
      ids,
      ownLine: /^[ \t]*$/.test(lineText.slice(0, hashAt - ls)),
      used: false,
      reason,
    });
  }
  return out;
}

/** Mark and return whether a finding of `ruleId` on `line` is suppressed. */
export function isSuppressed(directives: Directive[], ruleId: string, line: number): boolean {
  let hit = false;
  for (const d of directives) {
    const applies =
      d.kind === 'disable' || (d.kind === 'disable-line' && d.line === line) || (d.kind === 'disable-next-line' && d.line + 1 === line);
    if (!applies) continue;
    if (d.ids.length === 0) {
      d.used = true;
      hit = true;
      continue;
    }
    for (const id of d.ids) {
      if (id.id === ruleId) {
        id.used = true;
        d.used = true;
        hit = true;
      }
    }
  }
  return hit;
}
