/**
 * What Kong, APISIX and the two HAProxy controllers answer one request with (docs/reference/kong.md,
 * apisix.md, haproxy-ingress.md, haproxy.md). The HAProxy answers are checked against real haproxy by
 * test/conformance/cases-haproxy.mjs.
 */
import type { EffectivePolicy } from '../types';
import { matcherMatches } from '../policy/origins';
import { KONG_PLAIN_ORIGIN, kongRegex } from '../policy/kong';
import type { ControllerRequest, ControllerResponse } from './controller';

const none = (why: string): ControllerResponse => ({ status: 'backend', headers: {}, branch: 'none', originAllowed: false, why });

function matches(p: EffectivePolicy, origin: string): boolean {
  return p.origins.some((m) => matcherMatches(m, origin, false, p.profile.origins));
}

/** Kong's normalized origin (`scheme://host[:port]`, default ports dropped) and host. */
function kongNormalize(origin: string): { domain: string; host: string } {
  const m = /^([a-z][a-z0-9+.-]*):\/\/([^/:?#]*)(?::(\d+))?/i.exec(origin);
  if (!m) return { domain: origin, host: origin };
  const port = (m[1] === 'http' && m[3] === '80') || (m[1] === 'https' && m[3] === '443') ? undefined : m[3];
  return { domain: `${m[1]}://${m[2]}${port ? ':' + port : ''}`, host: m[2] };
}

function kongMatch(p: EffectivePolicy, origin: string): string | undefined {
  const o = kongNormalize(origin);
  for (const m of p.origins) {
    if (KONG_PLAIN_ORIGIN.test(m.value) && m.value.includes('://')) {
      if (kongNormalize(m.value).domain === o.domain) return o.domain;
      continue;
    }
    let re: RegExp | undefined;
    try {
      re = new RegExp(kongRegex(m.value));
    } catch {
      continue;
    }
    if (re.test(m.value.includes(':') ? o.domain : o.host)) return o.domain;
  }
  return undefined;
}

function kong(p: EffectivePolicy, req: ControllerRequest): ControllerResponse {
  const origin = req.origin ?? null;
  const t = p.target;
  const cont = t.kind === 'kong' && t.fields.get('preflight_continue')?.value.text === 'true';
  const preflight = req.method === 'OPTIONS' && origin !== null && !!req.requestMethod && !cont;
  if (!p.enabled) return none('the plugin is disabled, so Kong adds no CORS headers');
  if (origin === null && !preflight) return none('the request has no Origin header');
  const h: Record<string, string> = {};
  const any = p.origins[0]?.kind === 'any';
  let allowed = true;
  if (any) h['Access-Control-Allow-Origin'] = p.allowCredentials ? origin : '*';
  else if (p.acaoFixed) h['Access-Control-Allow-Origin'] = p.acaoFixed;
  else {
    const hit = kongMatch(p, origin);
    if (hit) h['Access-Control-Allow-Origin'] = hit;
    else allowed = false;
  }
  if (p.varyOrigin || (any && p.allowCredentials)) h['Vary'] = 'Origin';
  if (p.allowCredentials) h['Access-Control-Allow-Credentials'] = 'true';
  if (preflight) {
    h['Access-Control-Allow-Headers'] = p.allowHeaders || (req.requestHeaders ?? '');
    if (!h['Access-Control-Allow-Headers']) delete h['Access-Control-Allow-Headers'];
    h['Access-Control-Allow-Methods'] = p.allowMethods;
    if (p.maxAge !== null) h['Access-Control-Max-Age'] = String(p.maxAge);
    return {
      status: 200,
      headers: h,
      branch: 'preflight',
      originAllowed: allowed,
      why: 'Kong answers the preflight itself with 200 (before any authentication plugin)',
    };
  }
  if (p.exposeHeaders) h['Access-Control-Expose-Headers'] = p.exposeHeaders;
  return {
    status: 'backend',
    headers: h,
    branch: 'cors',
    originAllowed: allowed,
    why: allowed
      ? 'Kong adds CORS headers to the upstream response'
      : `\`${origin}\` matches no entry of origins, so Kong sends no \`Access-Control-Allow-Origin\``,
  };
}

function apisix(p: EffectivePolicy, req: ControllerRequest): ControllerResponse {
  const origin = req.origin ?? null;
  const options = req.method === 'OPTIONS';
  const status = options ? 200 : ('backend' as const);
  const branch = options ? 'preflight' : 'cors';
  if (!p.configured) return none('the cors plugin is disabled or refused, so APISIX adds no CORS headers');
  const h: Record<string, string> = {};
  if (p.varyOrigin) h['Vary'] = 'Origin';
  let acao: string | undefined;
  if (p.acaoMode === 'literal-star') acao = '*';
  else if (origin !== null && matches(p, origin)) acao = origin;
  if (acao === undefined) {
    const why = origin === null ? 'the request has no Origin header' : `\`${origin}\` is not an allowed origin`;
    return {
      status,
      headers: h,
      branch: options ? 'preflight' : 'none',
      originAllowed: false,
      why: options ? `${why}; APISIX still answers every OPTIONS request with 200` : why,
    };
  }
  h['Access-Control-Allow-Origin'] = acao;
  h['Access-Control-Allow-Methods'] = p.allowMethods;
  h['Access-Control-Max-Age'] = String(p.maxAge);
  if (p.exposeHeaders) h['Access-Control-Expose-Headers'] = p.exposeHeaders;
  const echoHeaders = p.target.kind === 'apisix' && p.target.fields.get('allow_headers')?.value.text === '**';
  const ah = echoHeaders ? (req.requestHeaders ?? '') : p.allowHeaders;
  if (ah) h['Access-Control-Allow-Headers'] = ah;
  if (p.allowCredentials) h['Access-Control-Allow-Credentials'] = 'true';
  return {
    status,
    headers: h,
    branch,
    originAllowed: true,
    why: options ? 'APISIX answers every OPTIONS request itself with 200' : 'APISIX adds CORS headers to the upstream response',
  };
}

function haproxyIngress(p: EffectivePolicy, req: ControllerRequest): ControllerResponse {
  const origin = req.origin ?? null;
  const options = req.method === 'OPTIONS';
  if (!p.configured) return none('cors-enable is not `true`, so HAProxy Ingress adds no CORS configuration');
  const h: Record<string, string> = {};
  const status = options ? 204 : ('backend' as const);
  if (options) Object.assign(h, p.preflightHeaders, p.maxAge !== null ? { 'Access-Control-Max-Age': String(p.maxAge) } : {});
  // The template's Vary rules do not test the Origin header: every response of the path gets it.
  if (p.varyOrigin) h['Vary'] = 'Origin';
  if (origin === null)
    return {
      status,
      headers: h,
      branch: options ? 'preflight' : 'none',
      originAllowed: false,
      why: 'the request has no Origin header, so no CORS headers are added',
    };
  // After a fallback (an invalid cors-allow-origin) the list is `*`: only the regexes are left.
  const written = p.fellBack?.origin ? p.writtenOrigins.filter((m) => m.kind === 'regex') : p.writtenOrigins;
  const listed = written.filter((m) => m.kind !== 'any');
  const first = written.find((m) => m.kind !== 'regex')?.value ?? '*';
  const wildcardWithCreds = first === '*' && p.allowCredentials;
  const dynamic = written.filter((m) => m.kind !== 'regex').length > 1 || written.some((m) => m.kind === 'regex');
  const hit = listed.some((m) => matcherMatches(m, origin, false, p.profile.origins));
  let acao: string;
  if (dynamic) acao = hit ? origin : first;
  else if (wildcardWithCreds) acao = origin;
  else acao = first;
  h['Access-Control-Allow-Origin'] = acao;
  h['Access-Control-Allow-Methods'] = p.allowMethods;
  h['Access-Control-Allow-Headers'] = p.allowHeaders;
  if (p.allowCredentials) h['Access-Control-Allow-Credentials'] = 'true';
  if (p.exposeHeaders) h['Access-Control-Expose-Headers'] = p.exposeHeaders;
  const allowed = acao === origin || (acao === '*' && !p.allowCredentials);
  const why = options
    ? 'HAProxy Ingress answers every OPTIONS request itself with 204'
    : 'HAProxy Ingress adds CORS headers to every response to a request with an Origin';
  return { status, headers: h, branch: options ? 'preflight' : 'cors', originAllowed: allowed, why };
}

function haproxyTech(p: EffectivePolicy, req: ControllerRequest): ControllerResponse {
  const origin = req.origin ?? null;
  const t = p.target;
  const respond = req.method === 'OPTIONS' && t.kind === 'haproxy' && t.fields.get('cors-respond-to-options')?.value.text === 'true';
  const status = respond ? 204 : ('backend' as const);
  if (!p.configured) return none('cors-enable is not `true`, so the controller adds no CORS rules');
  const allowed = origin !== null && (p.acaoMode === 'literal-star' || matches(p, origin));
  if (!allowed) {
    const why = origin === null ? 'the request has no Origin header' : `\`${origin}\` does not match cors-allow-origin`;
    return {
      status,
      headers: {},
      branch: respond ? 'preflight' : 'none',
      originAllowed: false,
      why: `${why}, so no CORS headers are added`,
    };
  }
  const h: Record<string, string> = { 'Access-Control-Allow-Origin': p.acaoMode === 'literal-star' ? '*' : origin };
  if (p.allowMethods) h['Access-Control-Allow-Methods'] = p.allowMethods;
  h['Access-Control-Allow-Headers'] = p.allowHeaders;
  if (p.maxAge !== null) h['Access-Control-Max-Age'] = String(p.maxAge);
  if (p.allowCredentials) h['Access-Control-Allow-Credentials'] = 'true';
  const why = respond
    ? 'the controller answers the OPTIONS request with 204 (cors-respond-to-options)'
    : 'the request reaches the backend; the controller adds CORS headers to its answer';
  return { status, headers: h, branch: respond ? 'preflight' : 'cors', originAllowed: true, why };
}

/** The answer of Kong, APISIX or a HAProxy controller; undefined for other controllers. */
export function gatewayResponse(p: EffectivePolicy, req: ControllerRequest): ControllerResponse | undefined {
  switch (p.target.kind) {
    case 'kong':
      return kong(p, req);
    case 'apisix':
      return apisix(p, req);
    case 'haproxy-ingress':
      return haproxyIngress(p, req);
    case 'haproxy':
      return haproxyTech(p, req);
    default:
      return undefined;
  }
}
