/** Step 2: every CORS target of a parsed file (values-file annotations; manifests of other controllers). */
import { isMap } from 'yaml';
import type { ParsedFile, Target } from '../types';
import { valuesFileTarget } from './valuesFile';
import { classifyValues, type ValuesKindContext } from './valuesKind';
import { isCorsAnnotationKey, otherChartTargets } from './chartValues';
import { getPair } from '../parse/values';
import { traefikTargets } from './traefik';
import { gatewayApiTargets } from './gatewayApi';
import { istioTargets } from './istio';
import { ingressManifestTargets } from './ingressManifest';
import { flaggerTargets } from './flagger';
import { traefikFileMiddlewares, traefikFileTargets } from './traefikFile';
import { composeServices, traefikLabelTargets } from './traefikLabels';
import { envoyFamilyCollectors } from './envoyFamily';
import { apisixTargets, kongTargets } from './plugins';
import { haproxyTargetsOf } from './haproxy';
import type { TextLike } from '../util/pieceText';

/** A document is a Kubernetes manifest when its root has `apiVersion` and `kind`. */
export function isManifest(root: unknown): boolean {
  return isMap(root) && !!getPair(root, 'apiVersion') && !!getPair(root, 'kind');
}

export interface TargetCollector {
  /** Targets found in one manifest document (other controllers register here). */
  (text: TextLike, doc: ParsedFile['docs'][number]['doc'], docIndex: number): Target[];
}

/** Manifest collectors by controller (Traefik, Istio, Gateway API, plain Ingress). */
export const manifestCollectors: TargetCollector[] = [
  traefikTargets,
  gatewayApiTargets,
  istioTargets,
  ingressManifestTargets,
  flaggerTargets,
  ...envoyFamilyCollectors,
  kongTargets,
  apisixTargets,
];

export function collectTargets(parsed: ParsedFile, ctx: ValuesKindContext = {}): Target[] {
  const out: Target[] = [];
  parsed.docs.forEach((d, i) => {
    const root = d.doc.contents;
    if (!isMap(root)) return;
    if (isManifest(root)) {
      for (const c of manifestCollectors) out.push(...c(parsed.text, d.doc, i));
      return;
    }
    // A Traefik file-provider dynamic configuration (`http.middlewares`), not Helm values.
    if (traefikFileMiddlewares(root)) {
      out.push(...traefikFileTargets(parsed.text, d.doc, i));
      return;
    }
    // A compose file (`services.<svc>.labels`): Traefik docker labels, not Helm values.
    const labels = composeServices(root) ? traefikLabelTargets(parsed.text, d.doc, i) : [];
    if (labels.length > 0) {
      out.push(...labels);
      return;
    }
    const chart = classifyValues(d.doc, ctx);
    if (!chart.platform) {
      out.push(...otherChartTargets(parsed.text, d.doc, i, chart));
      return;
    }
    const t = valuesFileTarget(parsed.text, d.doc, i, chart);
    if (t) out.push(t);
  });
  // The annotations a HAProxy controller reads, on the same Ingress or values (targets/haproxy.ts).
  for (const t of [...out]) if (t.kind === 'ingress-nginx') out.push(...haproxyTargetsOf(t, parsed.text));
  return out;
}

/** Whether the target is a vCluster Platform values file (only then may messages speak of the Platform). */
export function isPlatformTarget(target: Target): boolean {
  return target.kind === 'ingress-nginx' && !!target.values;
}

/** Whether the target is another chart's values (its `{{ }}` are rendered only when that chart uses `tpl`). */
export function isOtherChartTarget(target: Target): boolean {
  return target.kind === 'ingress-nginx' && !!target.otherChart;
}

/** The CORS values of a target with their label: the CORS annotations' values, or the CORS block's fields. */
export function corsValues(t: Target): { label: string; range: import('../types').Range }[] {
  if (t.kind === 'ingress-nginx')
    return t.annotations
      .filter((a) => isCorsAnnotationKey(a.key))
      .map((a) => ({ label: a.key.slice(a.key.indexOf('/') + 1), range: a.value.range }));
  return [...t.fields.values()].map((f) => ({ label: f.name, range: f.value.range }));
}
