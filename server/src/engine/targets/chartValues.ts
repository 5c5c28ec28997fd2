/**
 * Step 2 (other charts' values files): most charts render an Ingress from an `ingress:` block with
 * `annotations:` (at the root, or under a component key such as `server.ingress` or an umbrella chart's
 * `grafana.ingress`). We do not know their schema or defaults, so a target is built only where CORS
 * annotations are written, and only the CORS rules run on it (see valuesKind.ts).
 */
import { isMap, isPair } from 'yaml';
import type { Document, YAMLMap } from 'yaml';
import type { Target, ValuesChartDecision } from '../types';
import { keyText } from '../parse/parse';
import { getMap } from '../parse/values';
import { valuesFileTarget } from './valuesFile';
import type { TextLike } from '../util/pieceText';

/** An annotation key that configures CORS for some controller (`…/enable-cors`, `…/cors-allow-origin`, …). */
export function isCorsAnnotationKey(key: string): boolean {
  return /cors/i.test(key.slice(key.indexOf('/') + 1));
}

function hasCorsAnnotations(map: YAMLMap | undefined): boolean {
  return !!map && map.items.some((p) => isPair(p) && isCorsAnnotationKey(keyText(p.key) ?? ''));
}

export function otherChartTargets(text: TextLike, doc: Document.Parsed, docIndex: number, chart: ValuesChartDecision): Target[] {
  const root = doc.contents;
  if (!isMap(root)) return [];
  const out: Target[] = [];
  const visit = (map: YAMLMap, path: string) => {
    const ingress = getMap(map, 'ingress', doc);
    const annotations = ingress ? getMap(ingress, 'annotations', doc) : undefined;
    const common = path === '' ? getMap(map, 'commonAnnotations', doc) : undefined;
    if (!hasCorsAnnotations(annotations) && !hasCorsAnnotations(common)) return;
    const t = valuesFileTarget(text, doc, docIndex, chart, { root: map, path });
    if (t) out.push(t);
  };
  visit(root, '');
  for (const item of (root as YAMLMap).items) {
    const k = keyText(item.key);
    if (k === undefined || k === 'ingress') continue;
    const sub = getMap(root, k, doc);
    if (sub) visit(sub, k);
  }
  return out;
}
