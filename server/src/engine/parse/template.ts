/**
 * Go-template actions in Helm chart templates (`{{ … }}`, `{{- … -}}`, `{{/* … *\/}}`).
 *
 * A chart template is not YAML until Helm renders it: `secretName: {{ .Values.name }}-tls` is a flow
 * mapping to a YAML parser, and a control line such as `{{- if .Values.ingress.tls }}` is plain text in
 * the middle of a block mapping. To lint the YAML around the actions, every action is masked before
 * parsing, with the text's length and line breaks kept, so every offset (and so every finding, range
 * and fix) still points at the original text:
 *
 *  - an action that shares its line with YAML (`key: {{ .Values.x }}-tls`, `- {{ . }}`) becomes a run of
 *    `_` of the same length, i.e. a plain string: the YAML structure is kept, its value is unknown;
 *  - a line that holds only actions and blanks (`{{- if … }}`, `{{- end }}`, `{{- toYaml . | nindent 4 }}`)
 *    becomes blank: these lines either render nothing, or render a whole block that we cannot know.
 *
 * Which files are templates: see `isTemplatePath` and `lintText` (files under a `templates/` folder, and
 * files that only parse once their actions are masked). Facts: docs/reference/helm-templates.md.
 */
import { firstIndexOf } from '../util/textSearch';
import { visit, Scalar } from 'yaml';
import type { Document } from 'yaml';
import type { Range } from '../types';
import { flat, type TextLike } from '../util/pieceText';

export interface TemplateAction {
  /** Offsets of the whole action, `{{` to `}}` inclusive. */
  range: Range;
  /** The action is alone on its line (with other actions and blanks only): a control or block line. */
  standalone: boolean;
  /** `if`/`else`/`range`/`with`/`end`/`define`/`block`: it chooses which lines render. */
  control: boolean;
}

const CONTROL = /^\{\{-?\s*(if|else|end|range|with|define|block|template)\b/;

/**
 * Every `{{ … }}` action of a text. Strings inside an action (`"…"`, `'…'`, `` `…` ``) may hold `}}`.
 * An action left open at the end of the text runs to the end of the text.
 */
export function findTemplateActions(text: string): TemplateAction[] {
  const out: TemplateAction[] = [];
  let i = text.indexOf('{{');
  while (i >= 0) {
    let j = i + 2;
    let end = -1;
    while (j < text.length) {
      const c = text[j];
      if (c === '"' || c === "'" || c === '`') {
        // Go template strings: "…" with escapes, '…' runes, `…` raw strings (may span lines).
        let k = j + 1;
        while (k < text.length && text[k] !== c) {
          if (c !== '`' && text[k] === '\\') k++;
          else if (c !== '`' && text[k] === '\n') break;
          k++;
        }
        j = k + 1;
        continue;
      }
      if (c === '}' && text[j + 1] === '}') {
        end = j + 2;
        break;
      }
      j++;
    }
    if (end < 0) end = text.length;
    const src = text.slice(i, end);
    out.push({ range: { start: i, end }, standalone: false, control: CONTROL.test(src) });
    i = text.indexOf('{{', end);
  }
  markStandalone(text, out);
  return out;
}

function markStandalone(text: string, actions: TemplateAction[]): void {
  // Group the actions by the line span they cover; a line is standalone when everything outside the
  // actions on it is blank.
  let k = 0;
  while (k < actions.length) {
    const lineStart = text.lastIndexOf('\n', actions[k].range.start - 1) + 1;
    let m = k;
    let lineEnd = lineEnd0(text, actions[m].range.end);
    // Further actions that start on the (last) line of this group.
    while (m + 1 < actions.length && actions[m + 1].range.start < lineEnd) {
      m++;
      lineEnd = lineEnd0(text, actions[m].range.end);
    }
    let blank = true;
    let pos = lineStart;
    for (let a = k; a <= m && blank; a++) {
      if (text.slice(pos, actions[a].range.start).trim() !== '') blank = false;
      pos = actions[a].range.end;
    }
    if (blank && text.slice(pos, lineEnd).trim() !== '') blank = false;
    for (let a = k; a <= m; a++) actions[a].standalone = blank;
    k = m + 1;
  }
}

function lineEnd0(text: string, from: number): number {
  const nl = text.indexOf('\n', from);
  return nl < 0 ? text.length : nl;
}

/** The text with every action masked (same length, same line breaks); see the module comment. */
export function maskTemplateActions(text: string, actions: readonly TemplateAction[]): string {
  if (actions.length === 0) return text;
  let out = '';
  let pos = 0;
  for (const a of actions) {
    out += text.slice(pos, a.range.start);
    const src = text.slice(a.range.start, a.range.end);
    out += a.standalone ? src.replace(/[^\n\r]/g, ' ') : src.replace(/[^\n\r]/g, '_');
    pos = a.range.end;
  }
  return out + text.slice(pos);
}

/** Whether a path is inside a Helm chart's `templates/` folder. */
export function isTemplatePath(filePath: string): boolean {
  return filePath.replace(/\\/g, '/').split('/').slice(0, -1).includes('templates');
}

/** Whether `range` overlaps one of the (sorted) actions. */
export function overlapsAction(actions: readonly TemplateAction[], range: Range): boolean {
  // binary search for the first action ending after range.start
  let lo = 0;
  let hi = actions.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (actions[mid].range.end <= range.start) lo = mid + 1;
    else hi = mid;
  }
  const a = actions[lo];
  if (!a) return false;
  if (range.end === range.start) return a.range.start <= range.start && range.start < a.range.end;
  return a.range.start < range.end;
}

/** Whether a control action (`if`/`else`/`range`/`end`…) lies between two offsets. */
export function controlBetween(actions: readonly TemplateAction[], from: number, to: number): boolean {
  return actions.some((a) => a.control && a.range.start >= from && a.range.end <= to);
}

/** How a file's template actions are treated (ParsedFile.template). */
export interface TemplateInfo {
  /** Every `{{ … }}` action of the original text, in order. */
  actions: TemplateAction[];
  /**
   * true: a chart template — the documents were parsed from the masked text;
   * false: the file is parsed as written (a values file or a manifest that happens to contain `{{`).
   */
  masked: boolean;
  /** Why the file is read as a chart template (for messages): 'path' (under templates/) or 'content'. */
  reason?: 'path' | 'content';
}

/**
 * Parses a file the way its kind needs: chart templates (under `templates/`, or any file with `{{` that
 * only parses once its actions are masked) are parsed from the masked text; everything else as written.
 * `parse` is the plain YAML parser (parseText), passed in to keep this module free of a cycle.
 */
type Parsed = { problems: { kind: string }[]; fatal?: unknown; text: TextLike; template?: TemplateInfo; docs: { doc: Document.Parsed }[] };

export function parseWithTemplates<P extends Parsed>(
  input: TextLike,
  filePath: string | undefined,
  parse: (t: TextLike, useCache: boolean) => P,
): P {
  // After an edit of a big file, only the edited window is searched (util/textSearch.ts).
  if (firstIndexOf(input, '{{') < 0) return parse(input, true);
  const text = flat(input);
  const actions = findTemplateActions(text);
  const underTemplates = !!filePath && isTemplatePath(filePath);
  if (underTemplates) return masked(text, actions, parse, 'path');
  const raw = parse(text, true);
  if (raw.fatal) return raw;
  // By content: only a file shaped like a template (a manifest, or control/block lines of actions alone on
  // their line, every action closed) — a values file with a stray `{{` keeps its real syntax error.
  const shaped =
    actions.every((a) => text.startsWith('}}', a.range.end - 2)) &&
    (actions.some((a) => a.standalone) || (/^apiVersion:/m.test(text) && /^kind:/m.test(text)));
  if (shaped && raw.problems.some((p) => p.kind === 'error')) {
    const m = masked(text, actions, parse, 'content');
    if (!m.fatal && !m.problems.some((p) => p.kind === 'error')) return m;
  }
  raw.template = { actions, masked: false };
  return raw;
}

function masked<P extends Parsed>(
  text: string,
  actions: TemplateAction[],
  parse: (t: TextLike, useCache: boolean) => P,
  reason: 'path' | 'content',
): P {
  const out = parse(maskTemplateActions(text, actions), false);
  // Ranges point into the original text (same length); keep it as the file's text, and give scalars that
  // hold an action their text as written (`{{ $fullName }}-tls`, not the mask) for names and messages.
  out.text = text;
  for (const { doc } of out.docs) {
    visit(doc, {
      Scalar(_k, node) {
        if (!node.range || !overlapsAction(actions, { start: node.range[0], end: node.range[1] })) return;
        const src = text.slice(node.range[0], node.range[1]);
        const quoted = node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE;
        node.value = quoted ? src.slice(1, -1) : node.type === Scalar.PLAIN ? src : node.value;
      },
    });
  }
  out.template = { actions, masked: true, reason };
  return out;
}
