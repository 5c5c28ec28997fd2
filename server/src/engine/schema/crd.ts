/**
 * Shape checks of the CORS blocks of the CRDs the API server (or istiod / Traefik) would reject, as published
 * (docs/reference/controllers.md). One module per controller (`schema/<controller>Crd.ts`), registered in
 * CRD_CHECKS below with one line; helpers shared by them are in `schema/crdShape.ts`.
 */
import type { Target } from '../types';
import type { SchemaProblem } from './chart';
import { gatewayApiCrd } from './gatewayApiCrd';
import { istioCrd } from './istioCrd';
import { traefikCrd } from './traefikCrd';
import { contourCrd, emissaryCrd, envoyGatewayCrd } from './envoyFamilyCrd';
import { validatePluginTarget } from './gatewayPlugins';
import { validateHaproxyTarget } from './haproxyAnnotations';
import type { TextLike } from '../util/pieceText';

export { validateHttpRouteFilters } from './gatewayApiCrd';

type CrdCheck<K extends Target['kind']> = (text: TextLike, target: Extract<Target, { kind: K }>) => SchemaProblem[];

/** The shape check of each controller's CRD target (ingress-nginx has none: its values are checked by schema/chart.ts). */
const CRD_CHECKS: { [K in Target['kind']]?: CrdCheck<K> } = {
  'gateway-api': gatewayApiCrd,
  istio: istioCrd,
  traefik: traefikCrd,
  'envoy-gateway': envoyGatewayCrd,
  contour: contourCrd,
  emissary: emissaryCrd,
  kong: (_text, t) => validatePluginTarget(t),
  apisix: (_text, t) => validatePluginTarget(t),
  'haproxy-ingress': (_text, t) => validateHaproxyTarget(t),
  haproxy: (_text, t) => validateHaproxyTarget(t),
};

/** Shape problems of one CORS target of a CRD. */
export function validateCrdTarget(text: TextLike, target: Target): SchemaProblem[] {
  const check = CRD_CHECKS[target.kind] as ((text: TextLike, target: Target) => SchemaProblem[]) | undefined;
  return check ? check(text, target) : [];
}
