/**
 * Writer: Istio `VirtualService` `corsPolicy` (shared/reference/other-controllers.md §3): origins as `exact` or
 * full-match RE2 `regex`, methods from Istio's upper-case list (no `*`), maxAge a whole-second duration ≥ 1 s,
 * ACAO always the echoed Origin, no `Vary`.
 */
import type { IntendedChange } from '../types';
import type { Writer } from './types';
import type { IntentOrigin } from '../intent';
import { wildcardOriginRegex } from '../../policy/origins';
import { originModeChanges, cappedMaxAge, dedupe, enumMethods, nullDropped, varyLost, yamlDocument } from './common';
import { qList } from '../../util/markdown';

function istioOrigin(o: IntentOrigin): Record<string, string> {
  if (o.kind === 'exact') return { exact: o.value };
  if (o.kind === 'prefix') return { prefix: o.value };
  if (o.kind === 'wildcard-subdomain') return { regex: wildcardOriginRegex(o.scheme!, o.domain!, o.port, o.depth ?? 'one', false) };
  // Traefik regexes match anywhere in the origin; Envoy's safe_regex must match it whole.
  return { regex: o.anchored ? o.value : `.*(?:${o.value}).*` };
}

export const istioWriter: Writer = {
  id: 'istio',
  write(intent, ctx) {
    const changes: IntendedChange[] = [...intent.changes];
    const notes = [...intent.notes];
    const origins: Record<string, string>[] = [];
    for (const o of intent.origins) {
      if (o.kind === 'any') origins.push({ exact: '*' });
      else if (o.kind === 'null') changes.push(nullDropped(o, 'istio'));
      else origins.push(istioOrigin(o));
    }
    const any = intent.origins.some((o) => o.kind === 'any');
    const cred = originModeChanges(intent, 'istio', () => false);
    changes.push(...cred.changes);
    const m = enumMethods(intent.methods, 'istio', false);
    changes.push(...m.changes);
    const age = cappedMaxAge(intent.maxAge);
    if (age.change) changes.push(age.change);
    let maxAge = age.value;
    if (maxAge !== null && maxAge < 1) {
      if (maxAge === 0) {
        changes.push({
          id: 'max-age-minimum',
          message: 'Access-Control-Max-Age 0 is written as 1s: Istio needs a whole number of seconds of at least 1 ms.',
          fields: ['max-age'],
        });
        maxAge = 1;
      } else {
        notes.push(
          `Access-Control-Max-Age ${maxAge} is not a valid value for browsers (they use 5 s): maxAge is left unset, which browsers treat the same.`,
        );
        maxAge = null;
      }
    }
    if (intent.vary) changes.push(varyLost('istio'));
    const corsPolicy: Record<string, unknown> = { allowOrigins: any ? [{ exact: '*' }] : origins };
    corsPolicy.allowCredentials = cred.credentials;
    if (m.methods && m.methods.length) corsPolicy.allowMethods = m.methods;
    const headers = dedupe(intent.headers);
    if (headers && headers.length) corsPolicy.allowHeaders = headers;
    const expose = dedupe(intent.expose);
    if (expose && expose.length) corsPolicy.exposeHeaders = expose;
    if (maxAge !== null) corsPolicy.maxAge = `${maxAge}s`;
    if (origins.length === 0) notes.push('No origin could be carried over: the corsPolicy allows no origin.');

    const ns = ctx.namespace;
    const http = ctx.paths.map((p) => {
      const host = ns ? `${p.service}.${ns}.svc.cluster.local` : p.service;
      const destination: Record<string, unknown> = { host };
      if (typeof p.port === 'number') destination.port = { number: p.port };
      const route: Record<string, unknown> = {};
      if (ctx.paths.length > 1 || p.path !== '/' || p.exact) route.match = [{ uri: p.exact ? { exact: p.path } : { prefix: p.path } }];
      route.corsPolicy = corsPolicy;
      route.route = [{ destination }];
      return route;
    });
    const spec: Record<string, unknown> = { hosts: ctx.hostnames.length ? ctx.hostnames : ['*'] };
    if (ctx.gateway) spec.gateways = [ctx.gateway.namespace ? `${ctx.gateway.namespace}/${ctx.gateway.name}` : ctx.gateway.name];
    else {
      spec.gateways = ['istio-system/gateway'];
      notes.push('gateways names `istio-system/gateway`: pass --gateway NAME/NAMESPACE for your Istio Gateway.');
    }
    if (!ctx.hostnames.length) notes.push('The source names no host: hosts is `*`; pass --hostname.');
    spec.http = http;
    const metadata: Record<string, unknown> = { name: ctx.name };
    if (ns) metadata.namespace = ns;
    const text = yamlDocument({ apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', metadata, spec });
    if (ctx.corsAnnotationKeys.length) notes.push(`Once traffic goes through the Istio gateway, remove ${qList(ctx.corsAnnotationKeys)}.`);
    return {
      files: [{ name: `${ctx.name}.virtualservice.yaml`, description: 'VirtualService with the corsPolicy', text, carriesPolicy: true }],
      changes,
      notes,
    };
  },
};
