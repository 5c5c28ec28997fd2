/**
 * Step 2 (HAProxy): the `cors-*` annotations that a HAProxy controller reads, on an Ingress or in a chart's
 * `ingress.annotations` (docs/reference/haproxy-ingress.md, docs/reference/haproxy.md):
 *  - HAProxy Ingress (jcmoraisjr/haproxy-ingress): `haproxy-ingress.github.io/` and the legacy
 *    `ingress.kubernetes.io/`; when both set a key, the first prefix wins;
 *  - HAProxy Technologies' controller (haproxytech/kubernetes-ingress): `haproxy.org/`, `haproxy.com/` and
 *    `ingress.kubernetes.io/`.
 * Both read the legacy prefix. It belongs to HAProxy Ingress unless the object also uses `haproxy.org/` or
 * `haproxy.com/` keys; an Ingress class that does not name HAProxy keeps it out entirely (the ingress-nginx
 * target's unknown-cors-annotation finding says the key is ignored).
 */
import type { AnnotationEntry, HaproxyTarget, IngressNginxTarget, ManifestField } from '../types';
import type { TextLike } from '../util/pieceText';

export const LEGACY_PREFIX = 'ingress.kubernetes.io';
export const HAPROXY_INGRESS_PREFIXES = ['haproxy-ingress.github.io', LEGACY_PREFIX];
export const HAPROXY_TECH_PREFIXES = ['haproxy.org', 'haproxy.com', LEGACY_PREFIX];
const ALL_PREFIXES = [...new Set([...HAPROXY_INGRESS_PREFIXES, ...HAPROXY_TECH_PREFIXES])];

function split(key: string): { prefix: string; name: string } | undefined {
  const i = key.indexOf('/');
  return i < 0 ? undefined : { prefix: key.slice(0, i).toLowerCase(), name: key.slice(i + 1) };
}

/** The CORS-like keys of one controller, by name; for a key set under several prefixes the earlier prefix wins. */
function fieldsOf(entries: AnnotationEntry[], prefixes: string[]): Map<string, ManifestField> {
  const out = new Map<string, ManifestField>();
  const rank = new Map<string, number>();
  for (const a of entries) {
    const k = split(a.key);
    if (!k || !prefixes.includes(k.prefix) || !/cors/i.test(k.name)) continue;
    // A mapping or list value never reaches the controller (annotations are strings).
    if (a.value.collection) continue;
    const r = prefixes.indexOf(k.prefix);
    const seen = rank.get(k.name);
    if (seen !== undefined && seen < r) continue;
    rank.set(k.name, r);
    out.set(k.name, { name: k.name, keyRange: a.keyRange, value: a.value, label: a.key, pair: a.pair });
  }
  return out;
}

/** The HAProxy targets of an Ingress or a values file's ingress annotations (none when no HAProxy key is set). */
export function haproxyTargetsOf(t: IngressNginxTarget, text: TextLike): HaproxyTarget[] {
  // Most Ingresses have no HAProxy key at all: nothing to collect.
  if (
    !t.annotations.some((a) => ALL_PREFIXES.some((p) => a.key.charCodeAt(p.length) === 47 && a.key.slice(0, p.length).toLowerCase() === p))
  )
    return [];
  const prefixes = new Set(t.annotations.map((a) => split(a.key)?.prefix).filter((p): p is string => !!p));
  const tech = prefixes.has('haproxy.org') || prefixes.has('haproxy.com');
  const cls = t.ingressClass?.value ?? t.byKey.get('kubernetes.io/ingress.class')?.value.text;
  const legacyOk = !cls || cls.toLowerCase().includes('haproxy');
  const out: HaproxyTarget[] = [];
  const make = (kind: HaproxyTarget['kind'], own: string[]) => {
    const use = own.filter((p) => p !== LEGACY_PREFIX || legacyOk);
    const fields = fieldsOf(t.annotations, use);
    if (fields.size === 0) return;
    const first = t.annotations.find((a) => fields.get(split(a.key)?.name ?? '')?.pair === a.pair);
    out.push({
      kind,
      source: t.source,
      anchor: t.anchor,
      docIndex: t.docIndex,
      apiVersion: '',
      name: t.source.slice(t.source.indexOf('/') + 1),
      block: first?.map,
      fields,
      path: first?.source ?? 'metadata.annotations',
      text,
    });
  };
  make('haproxy-ingress', tech ? HAPROXY_INGRESS_PREFIXES.filter((p) => p !== LEGACY_PREFIX) : HAPROXY_INGRESS_PREFIXES);
  make('haproxy', tech ? HAPROXY_TECH_PREFIXES : HAPROXY_TECH_PREFIXES.filter((p) => p !== LEGACY_PREFIX));
  return out;
}
