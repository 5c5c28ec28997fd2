/**
 * Client input is checked before any work: params of the wrong shape answer `-32602 InvalidParams`, and every
 * position is clamped to the document the way VS Code's text model clamps (docs/reference/lsp-text-sync.md), so
 * that no handler ever walks or slices past the end of the text.
 */
import { ErrorCodes, ResponseError } from 'vscode-languageserver/node';
import type { Position, Range } from 'vscode-languageserver/node';
import type { TextLike } from '../engine/index';

/** The lines of a document as the clamping needs them (a LineIndex, or an adapter over a TextDocument). */
export interface LineSource {
  readonly text: TextLike;
  readonly lineCount: number;
  lineStart(line: number): number;
  /** End of the line's content, before `\r\n` or `\n`. */
  lineEnd(line: number): number;
}

export function invalidParams(message: string): ResponseError {
  return new ResponseError(ErrorCodes.InvalidParams, message);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isNumber(v: unknown): v is number {
  return typeof v === 'number' && !Number.isNaN(v);
}

export function isPosition(v: unknown): v is Position {
  return isObject(v) && isNumber(v.line) && isNumber(v.character);
}

export function isRange(v: unknown): v is Range {
  return isObject(v) && isPosition(v.start) && isPosition(v.end);
}

/** `params` must be an object; returns it typed loosely. */
export function paramsObject(params: unknown, method: string): Record<string, unknown> {
  if (!isObject(params)) throw invalidParams(`${method}: params must be an object.`);
  return params;
}

/** `params.textDocument.uri`, or InvalidParams. */
export function textDocumentUri(params: unknown, method: string): string {
  const p = paramsObject(params, method);
  const td = p.textDocument;
  if (!isObject(td) || typeof td.uri !== 'string') throw invalidParams(`${method}: \`textDocument.uri\` must be a string.`);
  return td.uri;
}

export function requirePosition(v: unknown, method: string, name = 'position'): Position {
  if (!isPosition(v)) throw invalidParams(`${method}: \`${name}\` must be { line: number, character: number }.`);
  return v;
}

export function requireRange(v: unknown, method: string, name = 'range'): Range {
  if (!isRange(v)) throw invalidParams(`${method}: \`${name}\` must be { start: Position, end: Position }.`);
  return v;
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

/**
 * The position VS Code's text model would use for `p` (0-based here): fractions are floored, a line before the
 * first is the start of the document, a line past the last is the end of the document, a character past the end
 * of the line is the end of the line (before its line break), and a character inside a surrogate pair moves
 * before the pair. `changed` tells whether the input was not already a valid position.
 */
export function clampPosition(
  lines: LineSource,
  p: Position,
  bias: 'before' | 'after' = 'before',
): { position: Position; changed: boolean } {
  const line = Math.floor(p.line);
  const character = Math.floor(p.character);
  const lastLine = lines.lineCount - 1;
  let out: Position;
  if (line < 0) out = { line: 0, character: 0 };
  else if (line > lastLine) out = { line: lastLine, character: lines.lineEnd(lastLine) - lines.lineStart(lastLine) };
  else {
    const max = lines.lineEnd(line) - lines.lineStart(line);
    let c = Math.max(0, Math.min(character, max));
    if (c > 0 && c < max && isHighSurrogate(lines.text.charCodeAt(lines.lineStart(line) + c - 1))) c += bias === 'before' ? -1 : 1;
    out = { line, character: c };
  }
  return { position: out, changed: out.line !== p.line || out.character !== p.character };
}

/**
 * A range clamped like VS Code does: both ends clamped, start after end swapped; a non-empty range that cuts a
 * surrogate pair grows to cover it.
 */
export function clampRange(lines: LineSource, r: Range): { range: Range; changed: boolean } {
  const empty = r.start.line === r.end.line && r.start.character === r.end.character;
  const backwards = r.start.line > r.end.line || (r.start.line === r.end.line && r.start.character > r.end.character);
  const first = backwards ? r.end : r.start;
  const last = backwards ? r.start : r.end;
  const s = clampPosition(lines, first, 'before');
  const e = clampPosition(lines, last, empty ? 'before' : 'after');
  return { range: { start: s.position, end: e.position }, changed: s.changed || e.changed || backwards };
}
