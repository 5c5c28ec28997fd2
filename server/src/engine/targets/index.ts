/** Step 2: every CORS target of a parsed file (values-file annotations; manifests of other controllers). */
import { isMap } from 'yaml';
import type { ParsedFile, Target } from '../types';
import { valuesFileTarget } from './valuesFile';
import { classifyValues, type ValuesKindContext } from './valuesKind';
import { otherChartTargets } from './chartValues';
import { getPair } from '../parse/values';
import { traefikTargets } from './traefik';
import { gatewayApiTargets } from './gatewayApi';
import { istioTargets } from './istio';
import { ingressManifestTargets } from './ingressManifest';
import { flaggerTargets } from './flagger';
import { traefikFileMiddlewares, traefikFileTargets } from './traefikFile';

/** A document is a Kubernetes manifest when its root has `apiVersion` and `kind`. */
export function isManifest(root: unknown): boolean {
  return isMap(root) && !!getPair(root, 'apiVersion') && !!getPair(root, 'kind');
}

export interface TargetCollector {
  /** Targets found in one manifest document (other controllers register here). */
  (text: string, doc: ParsedFile['docs'][number]['doc'], docIndex: number): Target[];
}

/** Manifest collectors by controller (Traefik, Istio, Gateway API, plain Ingress). */
export const manifestCollectors: TargetCollector[] = [traefikTargets, gatewayApiTargets, istioTargets, ingressManifestTargets, flaggerTargets];

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
    const chart = classifyValues(d.doc, ctx);
    if (!chart.platform) {
      out.push(...otherChartTargets(parsed.text, d.doc, i, chart));
      return;
    }
    const t = valuesFileTarget(parsed.text, d.doc, i, chart);
    if (t) out.push(t);
  });
  return out;
}
