/** Target types of the manifest controllers that share ManifestCorsTarget (part of the `Target` union in ../types.ts). */
import type { Pair, YAMLMap } from 'yaml';
import type { FieldRef, Range } from '../types';
import type { TextLike } from '../util/pieceText';

/** One field of a CORS block in a manifest (Traefik, Istio, Gateway API), with where it is written. */
export interface ManifestField extends FieldRef {
  /** The field name as written (e.g. accessControlAllowOriginList, allowOrigins). */
  name: string;
  pair: Pair;
}

/** Fields shared by the manifest targets of Traefik, Istio and Gateway API. */
export interface ManifestCorsTarget {
  /** 'Kind/name', plus `#http[0]` / `#rules[0]` when the object holds several CORS blocks. */
  source: string;
  /** The key of the CORS block (`headers`, `corsPolicy`, `cors`). */
  anchor: Range;
  docIndex: number;
  apiVersion: string;
  /** metadata.name / metadata.namespace as written ('' when missing). */
  name: string;
  namespace?: string;
  /** The CORS block (undefined when it is not a mapping, e.g. `corsPolicy: null`). */
  block?: YAMLMap;
  /** The fields of the block, by name (last duplicate wins). */
  fields: Map<string, ManifestField>;
  /** Dotted path of the block, e.g. spec.headers, spec.http[0].corsPolicy, spec.rules[0].filters[1].cors. */
  path: string;
  /** The file text (the policy model reads sequence items with their source text). */
  text: TextLike;
  /** Response headers written by hand on the same route (Istio `headers.response`, Gateway API ResponseHeaderModifier). */
  responseHeaders?: { node: YAMLMap; path: string }[];
}

/** A Traefik Middleware with `spec.headers` (traefik.io/v1alpha1, or the removed traefik.containo.us/v1alpha1). */
export interface TraefikTarget extends ManifestCorsTarget {
  kind: 'traefik';
  /** Set for docker/compose labels: the `labels` node (its findings carry no fixes). */
  labelsRange?: Range;
}

/** One `spec.http[].corsPolicy` of an Istio VirtualService (or its hand-written CORS `headers.response`). */
export interface IstioTarget extends ManifestCorsTarget {
  kind: 'istio';
}

/** One `type: CORS` filter of a Gateway API HTTPRoute (rule-level or backendRef-level). */
export interface GatewayApiTarget extends ManifestCorsTarget {
  kind: 'gateway-api';
}

/** A Kong or APISIX `cors` plugin; `disabled`: where `disabled: true` / `enable: false` switches it off. */
export interface PluginTarget extends ManifestCorsTarget {
  kind: 'kong' | 'apisix';
  disabled?: FieldRef;
}
/** The `cors-*` annotations a HAProxy controller reads (Ingress or chart values); `fields` by name without prefix. */
export interface HaproxyTarget extends ManifestCorsTarget {
  kind: 'haproxy-ingress' | 'haproxy';
}
