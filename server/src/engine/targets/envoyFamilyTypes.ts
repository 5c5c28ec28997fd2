/** Target types of Envoy Gateway, Contour and Emissary-ingress (part of the `Target` union in ../types.ts). */
import type { ManifestCorsTarget, Range } from '../types';

/** The `spec.cors` of an Envoy Gateway SecurityPolicy (gateway.envoyproxy.io); `auth` lists its jwt/oidc/… keys. */
export interface EnvoyGatewayTarget extends ManifestCorsTarget {
  kind: 'envoy-gateway';
  auth: { key: string; range: Range }[];
}

/** The `spec.virtualhost.corsPolicy` of a Contour HTTPProxy (projectcontour.io). */
export interface ContourTarget extends ManifestCorsTarget {
  kind: 'contour';
}

/** The `spec.cors` of an Emissary Mapping, or the `spec.config.cors` of the `ambassador` Module (the default). */
export interface EmissaryTarget extends ManifestCorsTarget {
  kind: 'emissary';
}
