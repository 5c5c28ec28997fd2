/**
 * Step 2 (Traefik docker/compose labels): `services.<svc>.labels` of a compose file, as a list of `key=value`
 * strings or as a map, with `traefik.http.middlewares.<name>.headers.<field>` keys — the same headers middleware
 * as the `Middleware` CRD, so the same Traefik target and policy model. Label keys are case-insensitive; list
 * values are comma-separated (docs/reference/controllers.md, "Traefik docker labels").
 *
 * The label values are turned into synthetic YAML nodes whose ranges point inside the label text, so every
 * Traefik rule runs unchanged with exact positions. Fixes are not offered for labels (see `labelsRange`).
 */
import { isMap, isPair, isScalar, isSeq, Pair, Scalar, YAMLSeq } from 'yaml';
import type { Document, Node } from 'yaml';
import type { ManifestField, Range, Target, TraefikTarget, ValueRef } from '../types';
import { keyText, nodeRange } from '../parse/parse';
import { getMap, getPair, valueRef } from '../parse/values';
import { TRAEFIK_CORS_FIELDS } from './traefik';
import type { TextLike } from '../util/pieceText';

const LABEL = /^traefik\.http\.middlewares\.([^.]+)\.headers\.([A-Za-z]+)$/i;
const LISTS = new Set([
  'accesscontrolallowheaders',
  'accesscontrolallowmethods',
  'accesscontrolalloworiginlist',
  'accesscontrolalloworiginlistregex',
  'accesscontrolexposeheaders',
]);
const CANONICAL = new Map<string, string>(TRAEFIK_CORS_FIELDS.map((f) => [f.toLowerCase(), f]));

interface Label {
  key: string;
  keyRange: Range;
  value: ValueRef;
}

/** The labels of one service as (key, value) with their ranges; list-style positions point inside the string. */
function serviceLabels(text: TextLike, labels: unknown, doc: Document.Parsed): Label[] {
  const out: Label[] = [];
  if (isSeq(labels)) {
    for (const item of labels.items) {
      const v = valueRef(text, item, 0, doc);
      if (!v.isString && !isScalar(item)) continue;
      const eq = v.text.indexOf('=');
      if (eq < 0) continue;
      const raw = v.text.slice(eq + 1);
      const cs = v.contentStart;
      const keyRange = cs !== undefined ? { start: cs, end: cs + eq } : v.range;
      const range = cs !== undefined ? { start: cs + eq + 1, end: cs + v.text.length } : v.range;
      out.push({
        key: v.text.slice(0, eq),
        keyRange,
        value: { node: null, range, text: raw, isString: true, style: v.style, contentStart: cs !== undefined ? range.start : undefined },
      });
    }
  } else if (isMap(labels)) {
    for (const item of labels.items) {
      const key = keyText(item.key);
      const keyRange = nodeRange(item.key as Node);
      if (key === undefined || !keyRange) continue;
      out.push({ key, keyRange, value: valueRef(text, item.value, keyRange.end, doc) });
    }
  }
  return out;
}

/** A scalar as the policy reads it: Traefik parses booleans and integers from the label string. */
function scalarOf(s: string, range: Range): Scalar {
  const t = s.trim();
  const v = /^(1|t|T|TRUE|true|True)$/.test(t) ? true : /^(0|f|F|FALSE|false|False)$/.test(t) ? false : /^-?\d+$/.test(t) ? Number(t) : s;
  const n = new Scalar(v);
  // A non-boolean, non-integer string stays a string (quoted), so the policy reports it as such.
  n.type = typeof v === 'string' ? Scalar.QUOTE_DOUBLE : Scalar.PLAIN;
  n.range = [range.start, range.end, range.end];
  return n;
}

/** A comma-separated label value as a sequence of scalars, each ranged on its trimmed item. */
function listOf(v: ValueRef): YAMLSeq {
  const seq = new YAMLSeq();
  let at = 0;
  for (const part of v.text.split(',')) {
    const lead = part.length - part.trimStart().length;
    const item = part.trim();
    const start = at + lead;
    at += part.length + 1;
    if (!item) continue;
    const n = new Scalar(item);
    n.type = Scalar.PLAIN;
    const r = v.contentStart !== undefined ? { start: v.contentStart + start, end: v.contentStart + start + item.length } : v.range;
    n.range = [r.start, r.end, r.end];
    seq.items.push(n);
  }
  seq.range = [v.range.start, v.range.end, v.range.end];
  return seq;
}

/** Whether a document is a compose file with Traefik CORS header labels (services.<svc>.labels). */
export function composeServices(root: unknown): boolean {
  if (!isMap(root)) return false;
  const services = getPair(root, 'services')?.value;
  return isMap(services) && services.items.some((s) => isPair(s) && isMap(s.value) && !!getPair(s.value, 'labels'));
}

export function traefikLabelTargets(text: TextLike, doc: Document.Parsed, docIndex: number): Target[] {
  const root = doc.contents;
  const services = isMap(root) ? getMap(root, 'services', doc) : undefined;
  if (!services) return [];
  const out: Target[] = [];
  for (const s of services.items) {
    const svc = keyText(s.key);
    const svcMap = svc === undefined ? undefined : getMap(services, svc, doc);
    const labelsPair = svcMap ? getPair(svcMap, 'labels') : undefined;
    if (!labelsPair || !labelsPair.value) continue;
    const byMiddleware = new Map<string, Map<string, ManifestField>>();
    for (const l of serviceLabels(text, labelsPair.value, doc)) {
      const m = LABEL.exec(l.key.trim());
      const name = m ? CANONICAL.get(m[2].toLowerCase()) : undefined;
      if (!m || !name) continue;
      const node = LISTS.has(m[2].toLowerCase()) ? listOf(l.value) : scalarOf(l.value.text, l.value.range);
      const field: ManifestField = { name, keyRange: l.keyRange, value: l.value, label: l.key.trim(), pair: new Pair(name, node) };
      const mw = m[1];
      if (!byMiddleware.has(mw)) byMiddleware.set(mw, new Map());
      byMiddleware.get(mw)!.set(name, field);
    }
    const labelsRange = nodeRange(labelsPair.value);
    for (const [name, fields] of byMiddleware) {
      const first = [...fields.values()][0];
      const t: TraefikTarget = {
        kind: 'traefik',
        source: `service ${svc} middleware ${name}`,
        anchor: first.keyRange,
        docIndex,
        apiVersion: '',
        name,
        fields,
        path: `services.${svc}.labels`,
        text,
        labelsRange,
      };
      out.push(t);
    }
  }
  return out;
}
