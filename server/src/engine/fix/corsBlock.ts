/**
 * "Insert CORS annotations": the edits that add a complete, safe ingress-nginx CORS configuration to a
 * values file under `ingress.annotations`, creating `ingress:` / `annotations:` when missing, switching
 * `ingress.enabled` on, keeping every existing key, comment and the file's indentation.
 */
import { isMap, isPair, isScalar } from 'yaml';
import type { Node, Pair, YAMLMap } from 'yaml';
import { parseText } from '../parse/parse';
import { collectTargets } from '../targets';
import { NGINX_PREFIX } from '../targets/valuesFile';
import { getPair } from '../parse/values';
import { keyText } from '../parse/parse';
import { columnOf, doubleQuoted, eol as eolOf, lineContentEnd as lineEndAt, lineStartOf as lineStartAt } from './edits';
import type { IngressNginxTarget, TextEdit } from '../types';

export const BLOCK_METHODS = 'GET, POST, PUT, DELETE, PATCH, OPTIONS';
export const BLOCK_HEADERS = 'Authorization, Content-Type';
export const BLOCK_MAX_AGE = '3600';

export interface CorsBlockPlan {
  edits: TextEdit[];
  added: string[];
  kept: string[];
}

export class CorsBlockError extends Error {}

/** The annotations of the block, in order, with their serialized values. */
export function corsBlockEntries(origins: readonly string[], credentials: boolean, prefix = NGINX_PREFIX): [string, string][] {
  return [
    [`${prefix}/enable-cors`, '"true"'],
    [`${prefix}/cors-allow-origin`, doubleQuoted(origins.join(', '))],
    [`${prefix}/cors-allow-methods`, doubleQuoted(BLOCK_METHODS)],
    [`${prefix}/cors-allow-headers`, doubleQuoted(BLOCK_HEADERS)],
    [`${prefix}/cors-allow-credentials`, credentials ? '"true"' : '"false"'],
    [`${prefix}/cors-max-age`, doubleQuoted(BLOCK_MAX_AGE)],
  ];
}

/* ------------------------------------------------------------- text helpers */

function rangeOf(n: unknown): [number, number] | undefined {
  const r = (n as Node | null | undefined)?.range;
  return r ? [r[0], r[1]] : undefined;
}

/** Offset after which new sibling lines of a block pair are inserted: the end of the pair's last line. */
function pairEnd(text: string, pair: Pair): number {
  const kr = rangeOf(pair.key)!;
  const vr = rangeOf(pair.value);
  let end = vr && vr[1] > kr[1] ? vr[1] : kr[1];
  // Ranges of block values may end after their final line break.
  while (end > kr[1] && (text[end - 1] === '\n' || text[end - 1] === '\r')) end--;
  return lineEndAt(text, Math.max(end - 1, kr[1]));
}

function isBlockMapWithItems(n: unknown): n is YAMLMap {
  return isMap(n) && !n.flow && n.items.length > 0;
}

function isEmptyValue(n: unknown): boolean {
  return n === null || n === undefined || (isScalar(n) && n.value === null);
}

/** The indentation step of the file: the first nested block mapping's offset from its parent key. */
function indentStep(text: string, root: YAMLMap): string {
  const stack: YAMLMap[] = [root];
  while (stack.length) {
    const m = stack.shift()!;
    for (const p of m.items) {
      if (!isPair(p) || !isBlockMapWithItems(p.value)) continue;
      const kr = rangeOf(p.key);
      const ck = rangeOf(p.value.items[0].key);
      if (kr && ck) {
        const d = columnOf(text, ck[0]) - columnOf(text, kr[0]);
        if (d > 0 && d <= 8) return ' '.repeat(d);
      }
      stack.push(p.value);
    }
  }
  return '  ';
}

/** Source text of the entries of a flow mapping, as `key: value` strings. */
function flowEntries(text: string, map: YAMLMap): { key: string | undefined; src: string; pair: Pair }[] {
  return map.items.map((p) => {
    const kr = rangeOf(p.key);
    const vr = rangeOf(p.value);
    const k = kr ? text.slice(kr[0], kr[1]) : '""';
    const v = vr && vr[1] > vr[0] ? text.slice(vr[0], vr[1]) : '';
    return { key: keyText(p.key), src: v === '' ? `${k}:` : `${k}: ${v}`, pair: p };
  });
}

/**
 * Replace the (empty or flow) value of `pair` with a block whose lines are `lines` (already indented),
 * keeping a comment that follows the value on its line.
 */
function rewriteValueAsBlock(text: string, pair: Pair, lines: string[], nl: string): TextEdit {
  const kr = rangeOf(pair.key)!;
  const vr = rangeOf(pair.value);
  const block = lines.map((l) => nl + l).join('');
  if (!vr || vr[1] <= vr[0]) {
    const at = lineEndAt(text, kr[1]);
    return { start: at, end: at, newText: block };
  }
  let start = vr[0];
  while (start > kr[1] && (text[start - 1] === ' ' || text[start - 1] === '\t')) start--;
  const end = lineEndAt(text, Math.max(vr[1] - 1, vr[0]));
  const rest = text.slice(vr[1], end);
  return { start, end, newText: (rest.trim() === '' ? '' : rest.replace(/^[ \t]*/, ' ')) + block };
}

/* --------------------------------------------------------------------- plan */

/** What every step of the plan needs: the text, its line break, the indent step and the missing annotations. */
interface PlanContext {
  text: string;
  nl: string;
  step: string;
  missing: [string, string][];
  annotationLines: (indent: string) => string[];
}

export function planCorsBlock(text: string, origins: readonly string[], credentials: boolean): CorsBlockPlan {
  const nl = eolOf(text);
  const parsed = parseText(text);
  if (parsed.fatal) throw new CorsBlockError(parsed.fatal.message);
  const firstError = parsed.problems.find((p) => p.kind === 'error');
  if (firstError) throw new CorsBlockError(`The file has a YAML syntax error; fix it first (${firstError.message}).`);
  const target = collectTargets(parsed).find((t): t is IngressNginxTarget => t.kind === 'ingress-nginx' && !!t.values);
  const entries = corsBlockEntries(origins, credentials, target?.prefix ?? NGINX_PREFIX);
  const kept = entries.map(([k]) => k).filter((k) => target?.byKey.has(k));
  const missing = entries.filter(([k]) => !kept.includes(k));
  const added = missing.map(([k]) => k);
  const annotationLines = (indent: string) => missing.map(([k, v]) => `${indent}${k}: ${v}`);

  if (!target || !target.values) {
    // No values mapping at all (an empty document): write the whole block at the end.
    const doc = parsed.docs[0]?.doc;
    if (doc && doc.contents && !isEmptyValue(doc.contents)) throw new CorsBlockError('The file is not a values mapping.');
    const body = ['ingress:', '  enabled: true', '  annotations:', ...annotationLines('    ')];
    const lead = text.length > 0 && !text.endsWith('\n') ? nl : '';
    return { edits: [{ start: text.length, end: text.length, newText: lead + body.join(nl) + nl }], added, kept };
  }

  const facts = target.values;
  const root = facts.root;
  if (root.flow) throw new CorsBlockError('The values are written as a flow mapping (`{…}`); CORS annotations cannot be inserted.');
  const cx: PlanContext = { text, nl, step: indentStep(text, root), missing, annotationLines };
  const ingressPair = facts.ingressPair;
  let edits: TextEdit[];
  if (!ingressPair) edits = [addIngress(cx, root)];
  else if (isBlockMapWithItems(ingressPair.value)) edits = blockIngressEdits(cx, ingressPair.value);
  else edits = [rewriteIngress(cx, ingressPair)];
  return { edits, added, kept };
}

/** No `ingress:` key: append one (enabled, with the annotations) after the last root key. */
function addIngress(cx: PlanContext, root: YAMLMap): TextEdit {
  const { text, nl, step } = cx;
  const ind = root.items.length > 0 ? ' '.repeat(columnOf(text, rangeOf(root.items[0].key)![0])) : '';
  const lines = [`${ind}ingress:`, `${ind}${step}enabled: true`];
  if (cx.missing.length > 0) lines.push(`${ind}${step}annotations:`, ...cx.annotationLines(ind + step + step));
  const last = root.items[root.items.length - 1];
  if (last) {
    const at = pairEnd(text, last);
    return { start: at, end: at, newText: lines.map((l) => nl + l).join('') };
  }
  const lead = text.length > 0 && !text.endsWith('\n') ? nl : '';
  return { start: text.length, end: text.length, newText: lead + lines.join(nl) + nl };
}

/** `ingress:` is a block mapping: switch `enabled` on and add the missing annotations in place. */
function blockIngressEdits(cx: PlanContext, ingress: YAMLMap): TextEdit[] {
  const { text, nl, step } = cx;
  const edits: TextEdit[] = [];
  const childIndent = ' '.repeat(columnOf(text, rangeOf(ingress.items[0].key)![0]));
  // ingress.enabled
  const enabledPair = getPair(ingress, 'enabled');
  if (!enabledPair) {
    const at = lineStartAt(text, rangeOf(ingress.items[0].key)![0]);
    edits.push({ start: at, end: at, newText: `${childIndent}enabled: true${nl}` });
  } else if (!(isScalar(enabledPair.value) && enabledPair.value.value === true)) {
    const vr = rangeOf(enabledPair.value);
    if (vr && vr[1] > vr[0]) edits.push({ start: vr[0], end: vr[1], newText: 'true' });
    else {
      const at = lineEndAt(text, rangeOf(enabledPair.key)![1]);
      edits.push({ start: at, end: at, newText: ' true' });
    }
  }
  // ingress.annotations
  if (cx.missing.length > 0) {
    const annPair = getPair(ingress, 'annotations');
    if (!annPair) {
      const last = ingress.items[ingress.items.length - 1];
      const at = pairEnd(text, last);
      const lines = [`${childIndent}annotations:`, ...cx.annotationLines(childIndent + step)];
      edits.push({ start: at, end: at, newText: lines.map((l) => nl + l).join('') });
    } else {
      edits.push(annotationsEdit(text, annPair, childIndent, step, cx.missing, nl));
    }
  }
  return edits;
}

/** `ingress:` with no value, `ingress: {}` or a flow mapping: rewrite it as a block. */
function rewriteIngress(cx: PlanContext, ingressPair: Pair): TextEdit {
  const { text, nl, step } = cx;
  const ingressValue = ingressPair.value;
  if (!isEmptyValue(ingressValue) && !(isMap(ingressValue) && ingressValue.flow)) {
    throw new CorsBlockError('`ingress` is not a mapping; fix it before inserting CORS annotations.');
  }
  const ind = ' '.repeat(columnOf(text, rangeOf(ingressPair.key)![0])) + step;
  const lines: string[] = [];
  const existing = isMap(ingressValue) ? flowEntries(text, ingressValue) : [];
  if (!existing.some((e) => e.key === 'enabled')) lines.push(`${ind}enabled: true`);
  let annotationsWritten = false;
  for (const e of existing) {
    if (e.key === 'enabled') lines.push(`${ind}enabled: true`);
    else if (e.key === 'annotations') {
      annotationsWritten = true;
      lines.push(`${ind}annotations:`);
      const v = e.pair.value;
      if (isMap(v)) for (const a of flowEntries(text, v)) lines.push(`${ind}${step}${a.src}`);
      else if (!isEmptyValue(v))
        throw new CorsBlockError('`ingress.annotations` is not a mapping; fix it before inserting CORS annotations.');
      lines.push(...cx.annotationLines(ind + step));
    } else lines.push(`${ind}${e.src}`);
  }
  if (!annotationsWritten && cx.missing.length > 0) lines.push(`${ind}annotations:`, ...cx.annotationLines(ind + step));
  return rewriteValueAsBlock(text, ingressPair, lines, nl);
}

function annotationsEdit(
  text: string,
  annPair: Pair,
  childIndent: string,
  step: string,
  missing: [string, string][],
  nl: string,
): TextEdit {
  const v = annPair.value;
  if (isBlockMapWithItems(v)) {
    const indent = ' '.repeat(columnOf(text, rangeOf(v.items[0].key)![0]));
    const at = pairEnd(text, v.items[v.items.length - 1]);
    return { start: at, end: at, newText: missing.map(([k, val]) => `${nl}${indent}${k}: ${val}`).join('') };
  }
  const ind = childIndent + step;
  if (isMap(v) && v.flow) {
    const lines = flowEntries(text, v).map((e) => `${ind}${e.src}`);
    lines.push(...missing.map(([k, val]) => `${ind}${k}: ${val}`));
    return rewriteValueAsBlock(text, annPair, lines, nl);
  }
  if (isEmptyValue(v))
    return rewriteValueAsBlock(
      text,
      annPair,
      missing.map(([k, val]) => `${ind}${k}: ${val}`),
      nl,
    );
  throw new CorsBlockError('`ingress.annotations` is not a mapping; fix it before inserting CORS annotations.');
}
