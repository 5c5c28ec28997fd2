/**
 * Step 2 (values files): find where the vCluster Platform chart's Ingress annotations come from.
 *
 * The chart renders one Ingress from `ingress.*` when `ingress.enabled` is true. Its annotations are,
 * in this order, the chart's own defaults, `ingress.annotations`, then `commonAnnotations` — written one
 * after the other, so a key set in both maps appears twice on the Ingress and the last one wins.
 */
import { Pair, Scalar, YAMLMap } from 'yaml';
import type { Document, Node } from 'yaml';
import type { AnnotationEntry, AnnotationSource, IngressNginxTarget, Range, ValuesChartDecision, ValuesFileFacts } from '../types';
import { keyText, nodeRange } from '../parse/parse';
import { getMap, getPair, valueRef } from '../parse/values';
import { chartIngressDefaults } from '../helm/chartDefaults';
import type { TextLike } from '../util/pieceText';

export const NGINX_PREFIX = 'nginx.ingress.kubernetes.io';

/** Keys that mark a YAML mapping as this chart's values (besides a file name that matches the globs). */
export function looksLikePlatformValues(root: unknown): boolean {
  if (!(root instanceof YAMLMap)) return false;
  const ingress = getMap(root, 'ingress');
  if (ingress && getPair(ingress, 'ingressClass')) return true;
  const config = getMap(root, 'config');
  if (config && getPair(config, 'loftHost')) return true;
  if (getPair(root, 'certIssuer') || getPair(root, 'agentValues')) return true;
  const admin = getMap(root, 'admin');
  if (admin && getPair(admin, 'password')) return true;
  return false;
}

/** Keys under which an umbrella chart nests this chart's values. */
export const UMBRELLA_KEYS = ['vcluster-platform', 'loft'] as const;

/** Whether a document root is this chart's values, directly or under an umbrella chart's key. */
export function looksLikeValuesDocument(root: unknown): boolean {
  if (!(root instanceof YAMLMap)) return false;
  if (looksLikePlatformValues(root)) return true;
  return UMBRELLA_KEYS.some((k) => {
    const sub = getMap(root, k);
    return !!sub && looksLikePlatformValues(sub);
  });
}

/** The mapping that holds the chart values: the document root, or an umbrella chart's `vcluster-platform:` key. */
export function valuesRoot(doc: Document.Parsed): YAMLMap | undefined {
  const root = doc.contents;
  if (!(root instanceof YAMLMap)) return undefined;
  if (!getPair(root, 'ingress') && !getPair(root, 'commonAnnotations')) {
    for (const k of UMBRELLA_KEYS) {
      const sub = getMap(root, k, doc);
      if (sub && (getPair(sub, 'ingress') || getPair(sub, 'commonAnnotations'))) return sub;
    }
  }
  return root;
}

function readAnnotations(
  text: TextLike,
  doc: Document.Parsed,
  map: YAMLMap | undefined,
  source: AnnotationSource,
  out: AnnotationEntry[],
): void {
  if (!map) return;
  for (const item of map.items) {
    if (!(item instanceof Pair)) continue;
    const key = keyText(item.key);
    const keyRange = nodeRange(item.key as Node);
    if (key === undefined || !keyRange) continue;
    // A missing value is placed right after the key's colon.
    const after = findValueFallback(text, keyRange.end);
    out.push({ key, keyRange, value: valueRef(text, item.value, after, doc), source, pair: item, map });
  }
}

/** Offset just after `key:` (where an inserted value goes). */
export function findValueFallback(text: TextLike, keyEnd: number): number {
  let i = keyEnd;
  while (i < text.length && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 34 || text.charCodeAt(i) === 39)) i++; // space " '
  if (text.charCodeAt(i) === 58 /* : */) return i + 1;
  return keyEnd;
}

function fact(pair: Pair | undefined, _doc: Document.Parsed): { value: unknown; range: Range; node: Node } | undefined {
  if (!pair || !pair.value) return undefined;
  const node = pair.value as Node;
  const range = nodeRange(node);
  if (!range) return undefined;
  return { value: node instanceof Scalar ? node.value : node, range, node };
}

const PLATFORM: ValuesChartDecision = { platform: true, reason: 'default' };

/**
 * Build the ingress-nginx target of a values document (always one per vCluster Platform values document).
 * Other charts' values pass the mapping that holds their `ingress` block (`at`) and its dotted path.
 */
export function valuesFileTarget(
  text: TextLike,
  doc: Document.Parsed,
  docIndex: number,
  chart: ValuesChartDecision = PLATFORM,
  at?: { root: YAMLMap; path: string },
): IngressNginxTarget | undefined {
  const root = at ? at.root : valuesRoot(doc);
  if (!root) return undefined;
  const ingressPair = getPair(root, 'ingress');
  const ingressMap = getMap(root, 'ingress', doc);
  const annotationsPair = ingressMap ? getPair(ingressMap, 'annotations') : undefined;
  const annotationsMap = ingressMap ? getMap(ingressMap, 'annotations', doc) : undefined;
  const commonAnnotationsMap = at && at.path !== '' ? undefined : getMap(root, 'commonAnnotations', doc);
  const tlsMap = ingressMap ? getMap(ingressMap, 'tls', doc) : undefined;
  const values: ValuesFileFacts = {
    root,
    chart,
    ingressPair,
    ingressMap,
    enabled: fact(ingressMap ? getPair(ingressMap, 'enabled') : undefined, doc),
    tlsEnabled: fact(tlsMap ? getPair(tlsMap, 'enabled') : undefined, doc),
    ingressClass: fact(ingressMap ? getPair(ingressMap, 'ingressClass') : undefined, doc),
    annotationsMap,
    annotationsPair,
    commonAnnotationsMap,
  };
  const annotations: AnnotationEntry[] = [];
  readAnnotations(text, doc, annotationsMap, 'ingress.annotations', annotations);
  readAnnotations(text, doc, commonAnnotationsMap, 'commonAnnotations', annotations);
  // A mapping or list value never reaches the controller (the API server rejects the release), so the
  // policy ignores it; annotation-value-not-string reports it.
  const byKey = new Map<string, AnnotationEntry>();
  for (const a of annotations) if (!a.value.collection && !(a.value.node && a.value.style === undefined)) byKey.set(a.key, a);
  const hostPair = ingressMap ? getPair(ingressMap, 'host') : undefined;
  const hostRange = hostPair && nodeRange(hostPair.value as Node);
  const hostVal: unknown = hostPair && hostPair.value instanceof Scalar ? hostPair.value.value : undefined;
  const anchor = nodeRange(ingressPair?.key as Node) ??
    nodeRange(getPair(root, 'commonAnnotations')?.key as Node) ?? {
      start: root.range ? root.range[0] : 0,
      end: root.range ? root.range[0] : 0,
    };
  const ic = values.ingressClass;
  if (!chart.platform) {
    // Another chart: its schema and defaults are unknown, so no chart facts (CORS rules only).
    return {
      kind: 'ingress-nginx',
      source: at && at.path ? `${at.path}.ingress` : 'ingress',
      anchor,
      docIndex,
      annotations,
      byKey,
      prefix: NGINX_PREFIX,
      otherChart: { path: at && at.path ? `${at.path}.ingress` : 'ingress', chart },
      ingressClass: otherChartClass(ingressMap),
    };
  }
  return {
    kind: 'ingress-nginx',
    source: 'ingress',
    anchor,
    docIndex,
    annotations,
    byKey,
    prefix: NGINX_PREFIX,
    values,
    // Not written: the chart default (chartDefaults.ts).
    ingressClass: ic
      ? { value: ic.value === null || ic.value === undefined ? null : String(ic.value), range: ic.range }
      : { value: chartIngressDefaults().ingressClass },
    host: typeof hostVal === 'string' && hostRange ? { value: hostVal, range: hostRange } : undefined,
  };
}

/** Other charts write the class as `ingress.className`, `ingress.ingressClassName` or `ingress.ingressClass`. */
function otherChartClass(ingress: YAMLMap | undefined): IngressNginxTarget['ingressClass'] {
  for (const k of ['className', 'ingressClassName', 'ingressClass', 'class']) {
    const p = ingress ? getPair(ingress, k) : undefined;
    if (!p) continue;
    const v = p.value;
    return {
      value: v instanceof Scalar && v.value !== null && v.value !== undefined ? String(v.value) : null,
      range: nodeRange(v as Node),
    };
  }
  return undefined;
}
