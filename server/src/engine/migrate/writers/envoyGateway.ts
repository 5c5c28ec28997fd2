/**
 * Writer: an Envoy Gateway `SecurityPolicy` with `spec.cors`, attached by `targetRefs` to an HTTPRoute that carries
 * the source's routing (docs/reference/envoy-gateway.md): exact origins compare case-sensitively, `*.` spans any
 * number of labels, no prefix/regex/`null` origins, the Origin is always echoed (never `*`), `maxAge` a duration,
 * no setting for `Vary`.
 */
import type { IntendedChange } from '../types';
import type { Writer } from './types';
import { ENVOY_GATEWAY_ORIGIN } from '../../schema/envoyFamilyCrd';
import { cappedMaxAge, dedupe, exposeWithoutStar, hostOrigins, originModeChanges, varyLost, yamlDocument } from './common';
import { httpRouteText } from './gatewayApi';

/** `*` anywhere in a list: Envoy Gateway sends exactly `*` (listed as a change when other entries are dropped). */
function starAlone(list: string[] | null, what: 'methods' | 'headers', changes: IntendedChange[]): string[] | null {
  if (!list?.includes('*')) return list && list.length ? list : null;
  if (list.length > 1)
    changes.push({
      id: `${what}-star-alone`,
      message:
        `Allowed ${what} are written as \`*\` alone: Envoy Gateway sends exactly \`*\` when the list contains it, so the other entries are not sent` +
        (what === 'headers' ? ' (and `*` covers `Authorization` only in browsers, not in the Fetch Standard).' : '.'),
      fields: what === 'methods' ? ['allow-methods'] : ['allow-headers', 'verdict'],
    });
  return ['*'];
}

export const envoyGatewayWriter: Writer = {
  id: 'envoy-gateway',
  write(intent, ctx) {
    const changes: IntendedChange[] = [...intent.changes];
    const notes = [...intent.notes];
    const ho = hostOrigins(intent, 'envoy-gateway', {
      accepts: (v) => ENVOY_GATEWAY_ORIGIN.test(v),
      rejectWhy: 'Envoy Gateway accepts only `scheme://host[:port]` origins with an optional leading `*.`',
      depth: 'any',
      only: 'exact origins and `*.` wildcards',
    });
    changes.push(...ho.changes);
    const origins = ho.origins.includes('*') ? ['*'] : ho.origins;
    // Envoy never sends the literal `*`: it echoes the Origin.
    const cred = originModeChanges(intent, 'envoy-gateway', () => false);
    changes.push(...cred.changes);
    const ex = exposeWithoutStar(intent.expose, cred.credentials, 'envoy-gateway');
    if (ex.change) changes.push(ex.change);
    const age = cappedMaxAge(intent.maxAge);
    if (age.change) changes.push(age.change);
    if (intent.vary) changes.push(varyLost('envoy-gateway'));

    const cors: Record<string, unknown> = { allowOrigins: origins };
    if (cred.credentials) cors.allowCredentials = true;
    const methods = starAlone(dedupe(intent.methods), 'methods', changes);
    if (methods) cors.allowMethods = methods;
    const headers = starAlone(dedupe(intent.headers), 'headers', changes);
    if (headers) cors.allowHeaders = headers;
    const expose = dedupe(ex.expose);
    if (expose && expose.length) cors.exposeHeaders = expose;
    if (age.value !== null && age.value >= 0) cors.maxAge = `${age.value}s`;
    else notes.push('maxAge is left unset: Envoy sends no `Access-Control-Max-Age`, and browsers cache the preflight for 5 s.');
    if (origins.length === 0)
      notes.push('No origin could be carried over: the SecurityPolicy allows no origin and Envoy sends no CORS headers.');

    const route = httpRouteText(ctx, notes);
    const metadata: Record<string, unknown> = { name: ctx.name };
    if (ctx.namespace) metadata.namespace = ctx.namespace;
    const spec = { targetRefs: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', name: ctx.name }], cors };
    const policy = yamlDocument({ apiVersion: 'gateway.envoyproxy.io/v1alpha1', kind: 'SecurityPolicy', metadata, spec });
    if (ctx.corsAnnotationKeys.length)
      notes.push(
        `Once traffic goes through Envoy Gateway, remove ${ctx.corsAnnotationKeys.map((k) => '`' + k + '`').join(', ')}${ctx.valuesFile ? ' from the values file (or set ingress.enabled: false)' : ''}.`,
      );
    return {
      files: [
        {
          name: `${ctx.name}.securitypolicy.yaml`,
          description: 'SecurityPolicy with the CORS settings',
          text: policy,
          carriesPolicy: true,
        },
        { name: `${ctx.name}.httproute.yaml`, description: 'HTTPRoute the SecurityPolicy attaches to', text: route, carriesPolicy: false },
      ],
      changes,
      notes,
    };
  },
};
