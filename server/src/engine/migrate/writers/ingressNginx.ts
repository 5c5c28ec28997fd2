/**
 * Writer: ingress-nginx annotations on an Ingress (shared/reference/ingress-nginx.md §1), for the round trip and
 * for Traefik's ingress-nginx provider. ingress-nginx matches origins case-insensitively with one-label `*.`
 * wildcards, sends the literal `*` for any origin, always sends methods, headers and max-age (its defaults
 * otherwise), and never sends `Vary`.
 */
import type { IntendedChange, RouteContext } from '../types';
import type { Writer } from './types';
import { CORS_ORIGIN_REGEX, DEFAULT_HEADERS, HEADERS_REGEX } from '../../policy/ingressNginxModel';
import { ALL_PAGE_METHODS, cappedMaxAge, dedupe, hostOrigins, originModeChanges, varyLost, yamlDocument } from './common';

const P = 'nginx.ingress.kubernetes.io/';

/** Methods: letters only. Not sent / `*` cannot be written: ingress-nginx always sends a list. */
function writableMethods(intended: string[] | null, changes: IntendedChange[]): string[] {
  let methods = dedupe(intended);
  if (methods === null) {
    methods = ['GET', 'HEAD', 'POST'];
    changes.push({
      id: 'methods-always-sent',
      message:
        'ingress-nginx always sends Access-Control-Allow-Methods: the CORS-safelisted `GET, HEAD, POST` are listed, which allows nothing new.',
      fields: ['allow-methods'],
    });
  } else if (methods.includes('*')) {
    methods = [...ALL_PAGE_METHODS];
    changes.push({
      id: 'methods-star-expanded',
      message: `ingress-nginx cannot allow \`*\` methods: ${ALL_PAGE_METHODS.join(', ')} are listed instead.`,
      fields: ['allow-methods', 'verdict'],
    });
  }
  const badMethods = methods.filter((m) => !/^[A-Za-z]+$/.test(m));
  for (const m of badMethods)
    changes.push({
      id: 'method-not-expressible',
      message: `Method \`${m}\` is not carried over: ingress-nginx accepts letters only.`,
      fields: ['allow-methods', 'verdict'],
    });
  return methods.filter((m) => /^[A-Za-z]+$/.test(m));
}

/** Headers ingress-nginx accepts; it always sends the header (its default list otherwise). */
function writableHeaders(intended: string[] | null, changes: IntendedChange[]): string[] {
  let headers = dedupe(intended);
  if (headers === null || headers.length === 0) {
    headers = ['Accept'];
    changes.push({
      id: 'headers-always-sent',
      message:
        'ingress-nginx always sends Access-Control-Allow-Headers (its default list otherwise): only the safelisted `Accept` is listed, which allows nothing new.',
      fields: ['allow-headers'],
    });
  } else if (headers.includes('*')) {
    headers = DEFAULT_HEADERS.split(',');
    changes.push({
      id: 'headers-star-expanded',
      message:
        'ingress-nginx rejects `*` in cors-allow-headers: its default header list (with Authorization) is written instead, so other custom headers are no longer allowed.',
      fields: ['allow-headers', 'verdict'],
    });
  }
  const okHeaders = headers.filter((h) => HEADERS_REGEX.test(h) && !/[ ,]/.test(h));
  for (const h of headers.filter((x) => !okHeaders.includes(x)))
    changes.push({
      id: 'header-not-expressible',
      message: `Header \`${h}\` is not carried over: ingress-nginx accepts letters, digits, \`-\` and \`_\` only.`,
      fields: ['allow-headers', 'verdict'],
    });
  return okHeaders;
}

/** The Ingress that carries the annotations, one rule per host (or one without a host). */
function ingressManifest(ctx: RouteContext, annotations: Record<string, string>): string {
  const metadata: Record<string, unknown> = { name: ctx.name };
  if (ctx.namespace) metadata.namespace = ctx.namespace;
  metadata.annotations = annotations;
  const paths = ctx.paths.map((p) => ({
    path: p.path,
    pathType: p.exact ? 'Exact' : 'Prefix',
    backend: { service: { name: p.service, port: typeof p.port === 'number' ? { number: p.port } : { name: p.port } } },
  }));
  const hosts = ctx.hostnames.length ? ctx.hostnames : [undefined];
  const rules = hosts.map((h) => (h ? { host: h, http: { paths } } : { http: { paths } }));
  return yamlDocument({ apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata, spec: { ingressClassName: 'nginx', rules } });
}

export const ingressNginxWriter: Writer = {
  id: 'ingress-nginx',
  write(intent, ctx) {
    const changes: IntendedChange[] = [...intent.changes];
    const notes = [...intent.notes];
    const ho = hostOrigins(intent, 'ingress-nginx', {
      accepts: (v) => CORS_ORIGIN_REGEX.test(v) && /^[a-z]+:\/\//.test(v),
      rejectWhy: 'ingress-nginx does not accept it as an origin',
      depth: 'one',
      only: 'exact origins and one-label `*.` wildcards',
    });
    const origins = ho.origins;
    changes.push(...ho.changes);
    const any = origins.includes('*');
    const cred = originModeChanges(intent, 'ingress-nginx', () => true);
    changes.push(...cred.changes);

    const methods = writableMethods(intent.methods, changes);
    const okHeaders = writableHeaders(intent.headers, changes);
    const expose = dedupe(intent.expose)?.filter((h) => /^([A-Za-z0-9_-]+|\*)$/.test(h)) ?? null;

    const age = cappedMaxAge(intent.maxAge);
    if (age.change) changes.push(age.change);
    let maxAge = age.value;
    if (maxAge === null) {
      maxAge = 5;
      notes.push('cors-max-age is set to 5: ingress-nginx would send 1728000 otherwise, and 5 s is what browsers use without the header.');
    }
    if (intent.vary) changes.push(varyLost('ingress-nginx'));

    const annotations: Record<string, string> = {};
    if (origins.length === 0) {
      annotations[P + 'enable-cors'] = 'false';
      notes.push('No origin could be carried over: CORS stays off (ingress-nginx would allow `*` without cors-allow-origin).');
    } else {
      annotations[P + 'enable-cors'] = 'true';
      annotations[P + 'cors-allow-origin'] = any ? '*' : origins.join(', ');
      annotations[P + 'cors-allow-credentials'] = cred.credentials ? 'true' : 'false';
      annotations[P + 'cors-allow-methods'] = methods.join(', ');
      annotations[P + 'cors-allow-headers'] = okHeaders.join(', ');
      if (expose && expose.length) annotations[P + 'cors-expose-headers'] = expose.join(', ');
      annotations[P + 'cors-max-age'] = String(maxAge);
    }
    const text = ingressManifest(ctx, annotations);
    if (!ctx.hostnames.length) notes.push('The source names no host: the Ingress rule has none; pass --hostname.');
    return {
      files: [
        { name: `${ctx.name}.ingress.yaml`, description: 'Ingress with the ingress-nginx CORS annotations', text, carriesPolicy: true },
      ],
      changes,
      notes,
    };
  },
};
