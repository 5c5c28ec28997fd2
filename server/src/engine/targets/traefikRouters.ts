/**
 * Traefik's middleware wiring in one file: the Middlewares it declares (what each does: CORS headers, an auth
 * step, a chain) and every router's ordered middleware list — the `traefik.ingress.kubernetes.io/router.middlewares`
 * annotation of an Ingress (or of a values file's `ingress.annotations`) and an IngressRoute's
 * `spec.routes[].middlewares`. Read by the auth step (policy/auth.ts) and by traefik-middleware-reference.
 * Facts: docs/reference/auth.md (Traefik).
 */
import { isMap, isScalar, isSeq } from 'yaml';
import type { Document, Node, YAMLMap } from 'yaml';
import type { ParsedDocument, Range } from '../types';
import { nodeRange } from '../parse/parse';
import { getMap, getPair, valueRef } from '../parse/values';
import { manifestMeta } from './manifest';
import { findValueFallback, valuesRoot } from './valuesFile';
import { TRAEFIK_API_VERSIONS, TRAEFIK_CORS_FIELDS } from './traefik';
import { isManifest } from './index';
import type { TextLike } from '../util/pieceText';

export const ROUTER_MIDDLEWARES = 'traefik.ingress.kubernetes.io/router.middlewares';

/** The auth middlewares of Traefik's Middleware CRD (spec key → AuthGate kind). */
export const TRAEFIK_AUTH = { forwardAuth: 'external', basicAuth: 'basic', digestAuth: 'digest' } as const;

export interface TraefikMiddlewareDecl {
  name: string;
  /** metadata.namespace as written (undefined: the namespace it is applied in). */
  namespace?: string;
  docIndex: number;
  /** The `kind` value: where a finding about the object goes. */
  anchor: Range;
  /** Set when `spec.headers` sets a CORS field. */
  cors: boolean;
  /** The spec key of an auth middleware (`forwardAuth`, `basicAuth`, `digestAuth`). */
  auth?: keyof typeof TRAEFIK_AUTH;
}

export interface TraefikMiddlewareRef {
  /** As written: `ns-name@kubernetescrd` (annotation) or the `name` of an IngressRoute entry. */
  text: string;
  range: Range;
  /** IngressRoute entries: name and namespace (the route's own namespace when not written). */
  name?: string;
  namespace?: string;
  /** Whether `namespace` was written on the IngressRoute entry. */
  namespaceWritten?: boolean;
}

export interface TraefikRouter {
  /** `Ingress/api`, `IngressRoute/api#routes[0]`, or `ingress.annotations` of a values file. */
  label: string;
  form: 'annotation' | 'ingressroute';
  /** The router's own namespace, when written (IngressRoute, Ingress). */
  namespace?: string;
  docIndex: number;
  refs: TraefikMiddlewareRef[];
  /** The annotation value (for the annotation form): where a finding about the whole list goes. */
  valueRange: Range;
}

export interface TraefikWiring {
  middlewares: TraefikMiddlewareDecl[];
  routers: TraefikRouter[];
}

function str(node: unknown): string | undefined {
  return isScalar(node) && typeof node.value === 'string' ? node.value : undefined;
}

function middlewareDecl(root: YAMLMap, doc: Document.Parsed, docIndex: number): TraefikMiddlewareDecl | undefined {
  const meta = manifestMeta(root);
  if (!meta || meta.kind !== 'Middleware' || !TRAEFIK_API_VERSIONS.includes(meta.apiVersion) || !meta.name) return undefined;
  const spec = getMap(root, 'spec', doc);
  const headers = spec ? getMap(spec, 'headers', doc) : undefined;
  const cors = !!headers && TRAEFIK_CORS_FIELDS.some((f) => !!getPair(headers, f));
  const auth = spec ? (Object.keys(TRAEFIK_AUTH) as (keyof typeof TRAEFIK_AUTH)[]).find((k) => !!getPair(spec, k)) : undefined;
  return { name: meta.name, namespace: meta.namespace, docIndex, anchor: meta.kindRange, cors, auth };
}

/** The comma-separated entries of a `router.middlewares` value, with their ranges when the scalar maps 1:1. */
function annotationRouter(
  text: TextLike,
  doc: Document.Parsed,
  map: YAMLMap,
  docIndex: number,
  label: string,
  namespace?: string,
): TraefikRouter | undefined {
  const pair = getPair(map, ROUTER_MIDDLEWARES);
  const keyRange = pair && nodeRange(pair.key as Node);
  if (!pair || !keyRange) return undefined;
  const value = valueRef(text, pair.value, findValueFallback(text, keyRange.end), doc);
  if (value.collection) return undefined;
  const refs: TraefikMiddlewareRef[] = [];
  let offset = 0;
  for (const part of value.text.split(',')) {
    const lead = part.length - part.trimStart().length;
    const entry = part.trim();
    if (entry !== '') {
      const start = offset + lead;
      const range =
        value.contentStart !== undefined
          ? { start: value.contentStart + start, end: value.contentStart + start + entry.length }
          : value.range;
      refs.push({ text: entry, range });
    }
    offset += part.length + 1;
  }
  return { label, form: 'annotation', namespace, docIndex, refs, valueRange: value.range };
}

function ingressRouteRouters(root: YAMLMap, doc: Document.Parsed, docIndex: number): TraefikRouter[] {
  const meta = manifestMeta(root);
  if (!meta || meta.kind !== 'IngressRoute' || !TRAEFIK_API_VERSIONS.includes(meta.apiVersion)) return [];
  const routes = getPair(getMap(root, 'spec', doc), 'routes')?.value;
  if (!isSeq(routes)) return [];
  const out: TraefikRouter[] = [];
  routes.items.forEach((route, i) => {
    const mws = isMap(route) ? getPair(route, 'middlewares')?.value : undefined;
    if (!isSeq(mws)) return;
    const refs: TraefikMiddlewareRef[] = [];
    for (const item of mws.items) {
      const namePair = isMap(item) ? getPair(item, 'name') : undefined;
      const name = str(namePair?.value);
      const range = nodeRange(namePair?.value as Node);
      if (!name || !range) continue;
      const ns = str(getPair(item, 'namespace')?.value);
      refs.push({ text: name, range, name, namespace: ns ?? meta.namespace, namespaceWritten: ns !== undefined });
    }
    const valueRange = nodeRange(mws) ?? meta.kindRange;
    out.push({
      label: `IngressRoute/${meta.name}#routes[${i}]`,
      form: 'ingressroute',
      namespace: meta.namespace,
      docIndex,
      refs,
      valueRange,
    });
  });
  return out;
}

/** Every Traefik Middleware and router middleware list of a parsed file. */
export function traefikWiring(text: TextLike, docs: readonly ParsedDocument[]): TraefikWiring {
  const middlewares: TraefikMiddlewareDecl[] = [];
  const routers: TraefikRouter[] = [];
  docs.forEach((d, i) => {
    const root = d.doc.contents;
    if (!isMap(root)) return;
    if (!isManifest(root)) {
      // A values file: `ingress.annotations` (the chart copies them onto its Ingress).
      const vr = valuesRoot(d.doc);
      const ann = vr ? getMap(getMap(vr, 'ingress', d.doc), 'annotations', d.doc) : undefined;
      const r = ann && annotationRouter(text, d.doc, ann, i, 'ingress.annotations');
      if (r) routers.push(r);
      return;
    }
    const decl = middlewareDecl(root, d.doc, i);
    if (decl) middlewares.push(decl);
    routers.push(...ingressRouteRouters(root, d.doc, i));
    const meta = manifestMeta(root);
    if (meta?.kind === 'Ingress') {
      const ann = getMap(getMap(root, 'metadata', d.doc), 'annotations', d.doc);
      const r = ann && annotationRouter(text, d.doc, ann, i, `Ingress/${meta.name}`, meta.namespace);
      if (r) routers.push(r);
    }
  });
  return { middlewares, routers };
}

/** `<namespace>-<name>@kubernetescrd` split into its parts (the namespace/name split is ambiguous with dashes). */
export function parseCrdRef(text: string): { ref: string; provider?: string } {
  const at = text.lastIndexOf('@');
  return at < 0 ? { ref: text } : { ref: text.slice(0, at), provider: text.slice(at + 1) };
}

/** The Middleware a reference points to, among those of the file (undefined: not in the file, or another provider). */
export function resolveRef(w: TraefikWiring, router: TraefikRouter, ref: TraefikMiddlewareRef): TraefikMiddlewareDecl | undefined {
  if (router.form === 'ingressroute') {
    return w.middlewares.find(
      (m) => m.name === ref.name && (m.namespace === undefined || ref.namespace === undefined || m.namespace === ref.namespace),
    );
  }
  const { ref: r, provider } = parseCrdRef(ref.text);
  if (provider !== 'kubernetescrd') return undefined;
  return w.middlewares.find((m) => (m.namespace !== undefined ? r === `${m.namespace}-${m.name}` : r.endsWith(`-${m.name}`)));
}
