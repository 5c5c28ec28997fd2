/**
 * Writer: Traefik `Middleware` (`spec.headers`, traefik.io/v1alpha1; shared/reference/other-controllers.md §2)
 * plus the `router.middlewares` annotation that attaches it to the Ingress. Traefik compares list origins exactly
 * and case-sensitively; wildcards and prefixes become anchored regexes (Go `MatchString` is unanchored).
 */
import type { IntendedChange, RouteContext, GeneratedFile } from '../types';
import type { Writer } from './types';
import type { IntentOrigin } from '../intent';
import { exactOriginRegex, wildcardOriginRegex } from '../../policy/origins';
import { originModeChanges, cappedMaxAge, dedupe, exposeWithoutStar, nullDropped, yamlDocument } from './common';

/** An anchored Go regex for a wildcard/prefix/regex origin. */
export function traefikRegex(o: IntentOrigin): string {
  if (o.kind === 'wildcard-subdomain') return wildcardOriginRegex(o.scheme!, o.domain!, o.port, o.depth ?? 'one', true);
  // `.*$` keeps it a prefix match while anchoring the end (unanchored-origin-regex).
  if (o.kind === 'prefix') return exactOriginRegex(o.value, true).replace(/\$$/, '.*$');
  return o.anchored ? `^(?:${o.value})$` : o.value;
}

/** The Middleware and the snippet that attaches it (values to merge, or an Ingress patch). */
function traefikFiles(ctx: RouteContext, headers: Record<string, unknown>, notes: string[]): GeneratedFile[] {
  const mwName = `${ctx.name}-cors`;
  const metadata: Record<string, unknown> = { name: mwName };
  if (ctx.namespace) metadata.namespace = ctx.namespace;
  const middleware = yamlDocument({ apiVersion: 'traefik.io/v1alpha1', kind: 'Middleware', metadata, spec: { headers } });
  const ref = `${ctx.namespace ?? 'default'}-${mwName}@kubernetescrd`;
  if (!ctx.namespace) notes.push('The source has no namespace: the Middleware reference assumes `default`.');
  const remove = ctx.corsAnnotationKeys;
  const header = [
    ctx.valuesFile
      ? 'Merge into the values file: Traefik serves the Ingress and runs the Middleware on it.'
      : 'Add to the Ingress: Traefik serves it and runs the Middleware on it.',
    ...(remove.length ? ['Then remove the ingress-nginx CORS annotations:', ...remove.map((k) => '  ' + k)] : []),
  ];
  const snippet = ctx.valuesFile
    ? yamlDocument(
        { ingress: { ingressClass: 'traefik', annotations: { 'traefik.ingress.kubernetes.io/router.middlewares': ref } } },
        header,
      )
    : yamlDocument(
        {
          metadata: { annotations: { 'traefik.ingress.kubernetes.io/router.middlewares': ref } },
          spec: { ingressClassName: 'traefik' },
        },
        header,
      );
  return [
    { name: `${mwName}.middleware.yaml`, description: 'Traefik Middleware with the CORS headers', text: middleware, carriesPolicy: true },
    {
      name: ctx.valuesFile ? `${ctx.name}.traefik-values.yaml` : `${ctx.name}.ingress-patch.yaml`,
      description: ctx.valuesFile
        ? 'values to merge: ingressClass and the router.middlewares annotation'
        : 'Ingress patch: ingressClassName and the router.middlewares annotation',
      text: snippet,
      carriesPolicy: false,
    },
  ];
}

export const traefikWriter: Writer = {
  id: 'traefik',
  write(intent, ctx) {
    const changes: IntendedChange[] = [...intent.changes];
    const notes = [...intent.notes];
    const list: string[] = [];
    const regex: string[] = [];
    for (const o of intent.origins) {
      if (o.kind === 'any') list.push('*');
      else if (o.kind === 'null') changes.push(nullDropped(o, 'traefik'));
      else if (o.kind === 'exact') list.push(o.value);
      else {
        regex.push(traefikRegex(o));
        notes.push(`\`${o.value}\` is written as the anchored regex \`${traefikRegex(o)}\` (Traefik compares list entries literally).`);
      }
    }
    const cred = originModeChanges(intent, 'traefik', (credentials) => !credentials);
    changes.push(...cred.changes);
    const ex = exposeWithoutStar(intent.expose, cred.credentials, 'traefik');
    if (ex.change) changes.push(ex.change);
    const age = cappedMaxAge(intent.maxAge);
    if (age.change) changes.push(age.change);
    const echo = !list.includes('*') || cred.credentials;
    const headers: Record<string, unknown> = {};
    if (list.length || !regex.length) headers.accessControlAllowOriginList = list.includes('*') ? ['*'] : list;
    if (regex.length && !list.includes('*')) headers.accessControlAllowOriginListRegex = regex;
    if (cred.credentials) headers.accessControlAllowCredentials = true;
    const methods = dedupe(intent.methods);
    if (methods && methods.length) headers.accessControlAllowMethods = methods;
    const allowHeaders = dedupe(intent.headers);
    if (allowHeaders && allowHeaders.length) headers.accessControlAllowHeaders = allowHeaders;
    const expose = dedupe(ex.expose);
    if (expose && expose.length) headers.accessControlExposeHeaders = expose;
    if (age.value !== null) headers.accessControlMaxAge = age.value;
    if (echo && (list.length || regex.length)) {
      headers.addVaryHeader = true;
      if (!intent.vary)
        changes.push({
          id: 'vary-added',
          message:
            'Traefik adds `Vary: Origin` (addVaryHeader) to the responses it echoes an origin on, which the source never sent: shared caches keep one copy per origin.',
          fields: ['vary'],
        });
    } else if (intent.vary) {
      headers.addVaryHeader = true;
    }
    if (!list.length && !regex.length) notes.push('No origin could be carried over: the Middleware allows no origin.');

    return { files: traefikFiles(ctx, headers, notes), changes, notes };
  },
};
