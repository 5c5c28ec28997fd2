/**
 * Suppression comments:
 *   # vcluster-cors-disable-next-line <id>[, <id>] [-- reason]
 *   key: value  # vcluster-cors-disable-line <id>
 *   # vcluster-cors-disable <id>            (whole file)
 * Without ids a directive suppresses every rule. Unused directives are reported by `unused-disable`.
 */
import type { Range } from '../types';
import type { LineIndex } from '../parse/positions';

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
const RE = /(^|[ \t])#[ \t]*vcluster-cors-(disable-next-line|disable-line|disable)(?=$|[ \t])([^\n]*)$/;

export function parseDirectives(text: string, lines: LineIndex): Directive[] {
  const out: Directive[] = [];
  if (!text.includes(MARK)) return out;
  let from = 0;
  for (;;) {
    const at = text.indexOf(MARK, from);
    if (at < 0) break;
    const line = lines.position(at).line;
    from = lines.lineEnd(line) + 1;
    const ls = lines.lineStart(line);
    const lineText = lines.lineText(line);
    const m = RE.exec(lineText);
    if (!m) continue;
    const hashAt = ls + m.index + m[1].length;
    const kind = m[2] as DirectiveKind;
    const restStart = hashAt + (m[0].length - m[1].length) - m[3].length;
    let rest = m[3];
    let reason: string | undefined;
    const dd = rest.indexOf('--');
    if (dd >= 0) {
      reason = rest.slice(dd + 2).trim();
      rest = rest.slice(0, dd);
    }
    const ids: DirectiveId[] = [];
    const idRe = /[^\s,]+/g;
    let im: RegExpExecArray | null;
    while ((im = idRe.exec(rest))) ids.push({ id: im[0], range: { start: restStart + im.index, end: restStart + im.index + im[0].length }, used: false });
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
