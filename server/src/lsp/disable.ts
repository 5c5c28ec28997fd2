/** Edits that add a rule id to a suppression comment, merging into an existing one when there is one. */
import { parseDirectives, type LineIndex, type TextEdit } from '../engine/index';

function eolOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

/** `# vcluster-cors-disable-next-line <id>` above `line` (0-based), or `, <id>` appended to an existing one. */
export function disableLineEdit(text: string, lines: LineIndex, line: number, ruleId: string): TextEdit {
  if (line > 0) {
    const previous = parseDirectives(text, lines).find((d) => d.kind === 'disable-next-line' && d.line === line - 1);
    if (previous) {
      if (previous.ids.some((x) => x.id === ruleId)) return { start: previous.idsRange.end, end: previous.idsRange.end, newText: '' };
      if (previous.ids.length > 0) return { start: previous.idsRange.end, end: previous.idsRange.end, newText: `, ${ruleId}` };
      // A directive without ids disables everything already; give it this id only when it has no reason text.
    }
  }
  const start = lines.lineStart(line);
  const indent = /^[ \t]*/.exec(lines.lineText(line))![0];
  return { start, end: start, newText: `${indent}# vcluster-cors-disable-next-line ${ruleId}${eolOf(text)}` };
}

/**
 * `# vcluster-cors-disable <id>` at the top of the file, after the leading block of comment lines
 * (modelines such as `# yaml-language-server: $schema=…`), or `, <id>` appended to an existing
 * whole-file directive.
 */
export function disableFileEdit(text: string, lines: LineIndex, ruleId: string): TextEdit {
  const existing = parseDirectives(text, lines).find((d) => d.kind === 'disable' && d.ownLine && d.ids.length > 0);
  if (existing) {
    if (existing.ids.some((x) => x.id === ruleId)) return { start: existing.idsRange.end, end: existing.idsRange.end, newText: '' };
    return { start: existing.idsRange.end, end: existing.idsRange.end, newText: `, ${ruleId}` };
  }
  let line = 0;
  while (line < lines.lineCount && /^[ \t]*#/.test(lines.lineText(line))) line++;
  const nl = eolOf(text);
  if (line >= lines.lineCount) {
    // Only comments (or an empty file): add the directive at the end.
    const end = text.length;
    const sep = end > 0 && !text.endsWith('\n') ? nl : '';
    return { start: end, end, newText: `${sep}# vcluster-cors-disable ${ruleId}${nl}` };
  }
  const start = lines.lineStart(line);
  return { start, end: start, newText: `# vcluster-cors-disable ${ruleId}${nl}` };
}
