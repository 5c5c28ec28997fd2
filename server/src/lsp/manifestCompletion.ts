/**
 * Completion of the CORS keys inside a manifest's CORS block: `spec.headers` of a Traefik Middleware,
 * `corsPolicy` of an Istio VirtualService route, `cors` of a Gateway API HTTPRoute filter. The context is
 * the YAML path at the cursor (sequence items tolerated, shown as `[]`) plus the document's `kind`.
 */
import { CompletionItemKind, InsertTextFormat, InsertTextMode, MarkupKind } from 'vscode-languageserver/node';
import type { CompletionItem, Position } from 'vscode-languageserver/node';
import type { LineIndex } from '../engine/index';
import { toLspRange } from './diagnostics';
import { MANIFEST_FIELD_DOCS, fieldMarkdown, type ManifestController, type ManifestFieldDoc } from './manifestDocs';
import { mappingColon } from './yamlContext';

interface LineShape {
  /** Column of the key (after any `- ` indicators). */
  col: number;
  /** Column of the first `-` indicator, when the line starts a sequence item. */
  dashCol?: number;
}

function shape(s: string): LineShape {
  let i = 0;
  while (i < s.length && s[i] === ' ') i++;
  let dashCol: number | undefined;
  while (s[i] === '-' && (s[i + 1] === ' ' || i + 1 === s.length)) {
    dashCol ??= i;
    i++;
    while (i < s.length && s[i] === ' ') i++;
  }
  return { col: i, dashCol };
}

function unquote(k: string): string {
  const t = k.trim();
  return t.length >= 2 && /^["'].*["']$/.test(t) ? t.slice(1, -1) : t;
}

const isSeparator = (t: string) => /^(---|\.\.\.)(\s|$)/.test(t);
const isSkippable = (t: string) => t.trim() === '' || /^\s*#/.test(t);

/** The key of a parent line, or undefined when the line is not `key:` with an empty value. */
function parentKey(t: string, col: number): string | undefined {
  const colon = mappingColon(t, col);
  if (colon < 0) return undefined;
  const rest = t
    .slice(colon + 1)
    .replace(/\s#.*$/, '')
    .trim();
  if (rest !== '' && !/^(&\S+|!\S+)(\s+(&\S+|!\S+))?$/.test(rest)) return undefined;
  return unquote(t.slice(col, colon));
}

/**
 * Keys of the mappings enclosing a key at column `indent` on `line`, outermost first; each sequence item
 * adds `[]`. Undefined when the line is not inside block mappings.
 */
export function manifestPath(lines: LineIndex, line: number, indent: number): string[] | undefined {
  const path: string[] = [];
  let target = indent;
  // After a sequence item at column c, its parent key may sit at column c too (indentless sequence).
  let equalOk = false;
  for (let l = line - 1; l >= 0 && target > 0; l--) {
    const t = lines.lineText(l);
    if (isSkippable(t)) continue;
    if (isSeparator(t)) return undefined;
    const { col, dashCol } = shape(t);
    const parentAt = (c: number) => c < target || (equalOk && c === target);
    if (dashCol !== undefined) {
      if (parentAt(col)) {
        const k = parentKey(t, col);
        if (k === undefined) return undefined;
        path.unshift('[]', k);
      } else if (dashCol < target) path.unshift('[]');
      else continue;
      target = dashCol;
      equalOk = true;
      continue;
    }
    if (!parentAt(col)) continue;
    const k = parentKey(t, col);
    if (k === undefined) return undefined;
    path.unshift(k);
    target = col;
    equalOk = false;
  }
  return target === 0 ? path : undefined;
}

/** The `kind:` of the YAML document holding `line` (a top-level key scanned in the text). */
export function documentKind(lines: LineIndex, line: number): string | undefined {
  const n = lines.lineCount;
  let first = line;
  while (first > 0 && !isSeparator(lines.lineText(first))) first--;
  for (let l = first; l < n; l++) {
    const t = lines.lineText(l);
    if (l > first && isSeparator(t)) break;
    const m = /^kind:\s*["']?([A-Za-z]+)["']?\s*(#.*)?$/.exec(t);
    if (m) return m[1];
  }
  return undefined;
}

/** Which manifest CORS block a path (with the document kind) is, if any. */
export function manifestBlock(kind: string | undefined, path: string[]): ManifestController | undefined {
  const p = path.join('.');
  if (kind === 'Middleware' && p === 'spec.headers') return 'traefik';
  if (kind === 'VirtualService' && /^spec\.http\.\[\]\.corsPolicy$/.test(p)) return 'istio';
  if (kind === 'HTTPRoute' && /^spec\.rules\.\[\]\.(backendRefs\.\[\]\.)?filters\.\[\]\.cors$/.test(p)) return 'gateway-api';
  if (kind === 'SecurityPolicy' && p === 'spec.cors') return 'envoy-gateway';
  if (kind === 'HTTPProxy' && p === 'spec.virtualhost.corsPolicy') return 'contour';
  if ((kind === 'Mapping' && p === 'spec.cors') || (kind === 'Module' && p === 'spec.config.cors')) return 'emissary';
  if ((kind === 'KongPlugin' || kind === 'KongClusterPlugin') && p === 'config') return 'kong';
  if (/^(ApisixRoute|ApisixPluginConfig|PluginConfig)$/.test(kind ?? '') && /^spec\.(http\.\[\]\.)?plugins\.\[\]\.config$/.test(p))
    return 'apisix';
  return undefined;
}

/** Keys already written at `indent` in the block around `line` (the cursor line excluded). */
function siblingKeys(lines: LineIndex, line: number, indent: number): Set<string> {
  const out = new Set<string>();
  const visit = (l: number): boolean => {
    const t = lines.lineText(l);
    if (isSkippable(t)) return true;
    if (isSeparator(t)) return false;
    const { col, dashCol } = shape(t);
    if (col < indent || (dashCol !== undefined && dashCol < indent)) return false;
    if (col === indent && dashCol === undefined) {
      const c = mappingColon(t, col);
      if (c >= 0) out.add(unquote(t.slice(col, c)));
    }
    return true;
  };
  for (let l = line - 1; l >= 0 && visit(l); l--);
  for (let l = line + 1; l < lines.lineCount && visit(l); l++);
  return out;
}

function snippetEscape(s: string): string {
  return s.replace(/[\\$}]/g, (c) => '\\' + c);
}

function insertion(controller: ManifestController, d: ManifestFieldDoc, child: string, snippets: boolean): string {
  const ex = snippets ? '${1:' + snippetEscape(d.example) + '}' : d.example;
  switch (d.shape) {
    case 'list':
      if (controller === 'istio' && d.name === 'allowOrigins')
        return `${d.name}:\n${child}- exact: ${snippets ? '${1:https://app.example.com}' : 'https://app.example.com'}`;
      return `${d.name}:\n${child}- ${ex}`;
    case 'bool':
      return `${d.name}: ${snippets ? (d.example === 'true' ? '${1|true,false|}' : '${1|false,true|}') : d.example}`;
    case 'enum':
      return `${d.name}: ${snippets ? '${1|IGNORE,FORWARD|}' : d.example}`;
    case 'duration':
      return `${d.name}: ${snippets ? '"${1:' + d.example + '}"' : `"${d.example}"`}`;
    default:
      return `${d.name}: ${ex}`;
  }
}

/** CORS key completions for a manifest CORS block at the cursor, or undefined when the cursor is not in one. */
export function manifestCompletions(lines: LineIndex, text: string, position: Position, snippets: boolean): CompletionItem[] | undefined {
  const lineText = lines.lineText(position.line);
  const col = Math.min(position.character, lineText.length);
  const before = lineText.slice(0, col);
  if (/^\s*#/.test(before) || isSeparator(lineText)) return undefined;
  const { col: kc, dashCol } = shape(lineText);
  if (dashCol !== undefined) return undefined;
  const indent = lineText.trim() === '' ? col : kc;
  if (col < indent) return undefined;
  const colon = mappingColon(lineText, indent);
  if (colon >= 0 && col > colon) return undefined; // values are not completed here
  const path = manifestPath(lines, position.line, indent);
  if (!path) return undefined;
  const controller = manifestBlock(documentKind(lines, position.line), path);
  if (!controller) return undefined;

  let ke = colon >= 0 ? colon : indent;
  if (colon < 0) {
    while (ke < lineText.length && !/\s/.test(lineText[ke])) ke++;
    if (ke < col) ke = col;
  }
  const ls = lines.lineStart(position.line);
  const range = toLspRange(lines, { start: ls + indent, end: ls + ke });
  const step = /\n( +)\S/.exec(text)?.[1] ?? '  ';
  const child = ' '.repeat(indent) + (step.length <= 8 ? step : '  ');
  const present = siblingKeys(lines, position.line, indent);
  const hasColon = colon >= 0;
  return MANIFEST_FIELD_DOCS[controller]
    .filter((d) => !present.has(d.name))
    .map((d, i) => ({
      label: d.name,
      kind: CompletionItemKind.Property,
      detail: d.summary.replace(/`/g, ''),
      documentation: { kind: MarkupKind.Markdown, value: fieldMarkdown(controller, d) },
      sortText: String(i).padStart(2, '0'),
      filterText: d.name,
      textEdit: { range, newText: hasColon ? d.name : insertion(controller, d, child, snippets) },
      insertTextFormat: !hasColon && snippets ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
      insertTextMode: InsertTextMode.asIs,
    }));
}
