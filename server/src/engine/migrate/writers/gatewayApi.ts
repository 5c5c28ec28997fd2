/**
 * Writer: Gateway API HTTPRoute with a `CORS` filter per rule (GEP-1767; shared/reference/other-controllers.md §4):
 * origins `http(s)://host[:port]` or `*.` any-depth wildcards, methods from an upper-case enum, maxAge ≥ 1
 * (default 5), no setting for `Vary`.
 */
import type { IntendedChange, RouteContext } from '../types';
import type { Writer } from './types';
import { cappedMaxAge, dedupe, enumMethods, exposeWithoutStar, hostOrigins, originModeChanges, varyLost, yamlDocument } from './common';
import { qList } from '../../util/markdown';

/** CRD pattern of one allowOrigins item. */
const ORIGIN_PATTERN = /(^\*$)|(^(http(s)?):\/\/(((\*\.)?([a-zA-Z0-9-]+\.)*[a-zA-Z0-9-]+|\*)(:([0-9]{1,5}))?)$)/;
/** HTTPHeaderName. */
const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+\-.^_`|~]+$/;

export const gatewayApiWriter: Writer = {
  id: 'gateway-api',
  write(intent, ctx) {
    const changes: IntendedChange[] = [...intent.changes];
    const notes = [...intent.notes];
    const ho = hostOrigins(intent, 'gateway-api', {
      accepts: (v) => ORIGIN_PATTERN.test(v),
      rejectWhy: 'Gateway API accepts only `http://` and `https://` origins',
      depth: 'any',
      only: 'exact origins and `*.` wildcards',
    });
    const origins = ho.origins;
    changes.push(...ho.changes);
    const star = origins.includes('*');
    const cred = originModeChanges(intent, 'gateway-api', (credentials) => !credentials);
    changes.push(...cred.changes);
    const m = enumMethods(intent.methods, 'gateway-api', true);
    changes.push(...m.changes);
    const headerList = (list: string[] | null, what: 'allow-headers' | 'expose-headers'): string[] | null => {
      if (!list) return null;
      const kept = list.filter((h) => HEADER_NAME.test(h));
      for (const h of list.filter((x) => !HEADER_NAME.test(x)))
        changes.push({
          id: 'header-not-expressible',
          message: `Header \`${h}\` is not carried over: it is not a valid header name.`,
          fields: [what, 'verdict'],
        });
      const d = dedupe(kept);
      return d && d.length ? (d.includes('*') && what === 'allow-headers' ? ['*'] : d) : null;
    };
    const allowHeaders = headerList(intent.headers, 'allow-headers');
    const ex = exposeWithoutStar(intent.expose, cred.credentials, 'gateway-api');
    if (ex.change) changes.push(ex.change);
    const exposeHeaders = headerList(ex.expose, 'expose-headers');
    const age = cappedMaxAge(intent.maxAge);
    if (age.change) changes.push(age.change);
    let maxAge = age.value;
    if (maxAge !== null && maxAge < 1) {
      changes.push({
        id: 'max-age-minimum',
        message: `Access-Control-Max-Age ${maxAge} is written as 1: Gateway API's maxAge is at least 1 s.`,
        fields: ['max-age'],
      });
      maxAge = 1;
    }
    if (maxAge === null) notes.push('maxAge is left unset: the gateway sends 5, the same 5 s browsers use when the header is missing.');
    if (intent.vary) changes.push(varyLost('gateway-api'));

    const cors: Record<string, unknown> = { allowOrigins: origins };
    if (cred.credentials) cors.allowCredentials = true;
    if (m.methods && m.methods.length) cors.allowMethods = m.methods;
    if (allowHeaders) cors.allowHeaders = allowHeaders;
    if (exposeHeaders) cors.exposeHeaders = exposeHeaders;
    if (maxAge !== null) cors.maxAge = maxAge;
    if (origins.length === 0) notes.push('No origin could be carried over: the filter allows no origin and sends no CORS headers.');
    if (star && origins.length > 1) origins.splice(0, origins.length, '*');

    const text = httpRouteText(ctx, notes, [{ type: 'CORS', cors }]);
    const files = [{ name: `${ctx.name}.httproute.yaml`, description: 'HTTPRoute with the CORS filter', text, carriesPolicy: true }];
    if (ctx.corsAnnotationKeys.length)
      notes.push(
        `Once traffic goes through the Gateway, remove ${qList(ctx.corsAnnotationKeys)}${ctx.valuesFile ? ' from the values file (or set ingress.enabled: false)' : ''}.`,
      );
    return { files, changes, notes };
  },
};

/** The HTTPRoute for the source's routing (hosts, paths, backends), with `filters` on each rule (none when absent). */
export function httpRouteText(ctx: RouteContext, notes: string[], filters?: unknown[]): string {
  const parentRef: Record<string, unknown> = { name: ctx.gateway?.name ?? 'gateway' };
  if (ctx.gateway?.namespace) parentRef.namespace = ctx.gateway.namespace;
  if (!ctx.gateway)
    notes.push("parentRefs names a Gateway called `gateway` in the route's namespace: pass --gateway NAME/NAMESPACE for yours.");
  const spec: Record<string, unknown> = { parentRefs: [parentRef] };
  if (ctx.hostnames.length) spec.hostnames = ctx.hostnames.filter((h) => !/[A-Z]/.test(h));
  spec.rules = ctx.paths.map((p) => ({
    matches: [{ path: { type: p.exact ? 'Exact' : 'PathPrefix', value: p.path } }],
    ...(filters ? { filters } : {}),
    backendRefs: [typeof p.port === 'number' ? { name: p.service, port: p.port } : { name: p.service }],
  }));
  for (const p of ctx.paths)
    if (typeof p.port !== 'number')
      notes.push(`Backend ${p.service}: the port name \`${p.port}\` cannot be used in a backendRef: add its number.`);
  const metadata: Record<string, unknown> = { name: ctx.name };
  if (ctx.namespace) metadata.namespace = ctx.namespace;
  return yamlDocument({ apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata, spec });
}
