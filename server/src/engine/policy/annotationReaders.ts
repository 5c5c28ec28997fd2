/**
 * Which Ingress controllers read which annotation prefixes, and their CORS annotation names — for controllers
 * whose CORS annotations we do not model but must not mistake for ingress-nginx's
 * (docs/reference/annotation-prefixes.md).
 *
 * ingress-nginx reads only `nginx.ingress.kubernetes.io/` (its `--annotations-prefix` default). The legacy
 * `ingress.kubernetes.io/` prefix is read by both HAProxy controllers, with their own key names (`cors-enable`,
 * not `enable-cors`); `nginx.org/` and `nginx.com/` belong to the F5 NGINX Ingress Controller, which has no CORS
 * annotations (it configures CORS with a `Policy` resource referenced by `nginx.org/policies`).
 */

export interface AnnotationReader {
  /** Human name for messages. */
  name: string;
  prefixes: readonly string[];
  /** Its CORS annotation names (after the prefix); [] when it has none. */
  corsNames: readonly string[];
  /** Ingress class names that select it (lower case, matched as a substring). */
  classHint: string;
}

export const HAPROXY_INGRESS: AnnotationReader = {
  name: 'HAProxy Ingress',
  prefixes: ['haproxy-ingress.github.io', 'ingress.kubernetes.io'],
  corsNames: [
    'cors-enable',
    'cors-allow-origin',
    'cors-allow-origin-regex',
    'cors-allow-methods',
    'cors-allow-headers',
    'cors-allow-credentials',
    'cors-expose-headers',
    'cors-max-age',
  ],
  classHint: 'haproxy',
};

export const HAPROXY_TECH: AnnotationReader = {
  name: "HAProxy Technologies' Ingress Controller",
  prefixes: ['haproxy.org', 'haproxy.com', 'ingress.kubernetes.io'],
  corsNames: [
    'cors-enable',
    'cors-allow-origin',
    'cors-allow-methods',
    'cors-allow-headers',
    'cors-allow-credentials',
    'cors-max-age',
    'cors-respond-to-options',
  ],
  classHint: 'haproxy',
};

export const F5_NGINX: AnnotationReader = {
  name: 'the F5 NGINX Ingress Controller',
  prefixes: ['nginx.org', 'nginx.com'],
  corsNames: [],
  classHint: 'nginx-plus',
};

export const FOREIGN_READERS: readonly AnnotationReader[] = [HAPROXY_INGRESS, HAPROXY_TECH, F5_NGINX];

/** The controllers (other than ingress-nginx) that read annotations with this key's prefix. */
export function readersOfPrefix(key: string): readonly AnnotationReader[] {
  const slash = key.indexOf('/');
  // Most keys (`nginx.ingress.kubernetes.io/…`) have a prefix of no reader's length: no string is cut for them.
  if (slash < 0 || !PREFIX_LENGTHS.has(slash)) return NONE;
  const prefix = key.slice(0, slash);
  let readers = readersByPrefix.get(prefix);
  if (!readers) {
    const lower = prefix.toLowerCase();
    const found = FOREIGN_READERS.filter((r) => r.prefixes.includes(lower));
    readers = found.length ? found : NONE;
    if (readersByPrefix.size > 1000) readersByPrefix.clear();
    readersByPrefix.set(prefix, readers);
  }
  return readers;
}
const NONE: readonly AnnotationReader[] = [];
const PREFIX_LENGTHS: ReadonlySet<number> = new Set(FOREIGN_READERS.flatMap((r) => r.prefixes.map((p) => p.length)));
/** Key prefix as written → its readers (files repeat a few prefixes). */
const readersByPrefix = new Map<string, readonly AnnotationReader[]>();

/** Whether an ingress class names a HAProxy controller (`haproxy`, `haproxy-ingress`, …). */
export function classSelects(reader: AnnotationReader, className: string | undefined): boolean {
  return !!className && className.toLowerCase().includes(reader.classHint);
}
