/**
 * The server side of a CORS exchange: which status and CORS headers the controller answers a request with,
 * given the EffectivePolicy (what the controller was configured to do after its own fallbacks).
 *
 * ingress-nginx is modelled on its template (docs/reference/ingress-nginx.md):
 *
 *   if ($http_origin ~* ((<o1>)|(<o2>))$ ) { set $cors 'true'; }      # list mode; `*` mode: set $http_origin *; set $cors 'true';
 *   if ($request_method = 'OPTIONS') { set $cors ${cors}options; }
 *   if ($cors = "true")        { more_set_headers ACAO/ACAC/ACAM/ACAH/ACEH/Max-Age; }
 *   if ($cors = "trueoptions") { …the same…; Content-Type; Content-Length: 0; return 204; }
 *
 * and on what real nginx puts on the wire for it (checked by test/conformance/run.mjs against nginx with
 * headers-more):
 * - for a 204, nginx's header filter drops Content-Type, so the preflight answer carries `Content-Length: 0`
 *   but no `Content-Type`, although the template asks for `text/plain charset=UTF-8`;
 * - nginx answers a method that is not made of upper-case letters (`patch`, `Patch`) with 400 while parsing
 *   the request line, before the CORS block runs: such a request never gets CORS headers.
 */
import type { EffectivePolicy } from '../types';
import { matcherMatches } from '../policy/origins';
import { gatewayResponse } from './gateways';
import { q } from '../util/markdown';
import { ingressNginxDetails } from '../policy/ingressNginx';
import { handwrittenResponse } from '../policy/handwritten/respond';

/** 'backend': the controller does not answer itself; whatever sits behind it (auth, the app) does. */
export type ResponseStatus = number | 'backend';

export interface ControllerRequest {
  /** The request method exactly as sent on the wire. */
  method: string;
  /** The Origin header; null or undefined: no Origin header. */
  origin?: string | null;
  /** Access-Control-Request-Method (used by controllers that detect preflights by it; ingress-nginx does not). */
  requestMethod?: string | null;
  /** Access-Control-Request-Headers as the browser sends it (lower case, comma-separated); absent: none. */
  requestHeaders?: string | null;
}

export interface ControllerResponse {
  status: ResponseStatus;
  /** CORS-relevant headers the controller adds, with the names as the controller writes them. */
  headers: Record<string, string>;
  /**
   * Which part of the configuration produced the answer:
   * 'preflight': answered by the controller (ingress-nginx `return 204`);
   * 'cors': passed to the backend, CORS headers added;
   * 'none': passed to the backend, no CORS headers added.
   */
  branch: 'preflight' | 'cors' | 'none';
  /** Whether the request's Origin is one the controller allows (always true in `*` mode). */
  originAllowed: boolean;
  /** One sentence on why (plain words). */
  why: string;
  /** Headers that vanish when the backend answers with an error status (nginx `add_header` without `always`). */
  successOnly?: string[];
}

/* ------------------------------------------------------------ ingress-nginx */

/** Go regexp.QuoteMeta: escapes \.+*?()|[]{}^$ */
export function goQuoteMeta(s: string): string {
  return s.replace(/[\\.+*?()|[\]{}^$]/g, (c) => '\\' + c);
}

/** template.go buildOriginRegex: QuoteMeta, then the first `\*` becomes `[A-Za-z0-9\-]+`, wrapped in ( ). */
export function buildOriginRegex(origin: string): string {
  return '(' + goQuoteMeta(origin).replace('\\*', '[A-Za-z0-9\\-]+') + ')';
}

/**
 * template.go buildCorsOriginRegex for a list of origins: the regex in
 * `if ($http_origin ~* (<alternatives>)$ )`. Only end-anchored, as generated.
 * (Empty entries cannot reach it: Parse drops them since v1.9.5.)
 */
export function ingressNginxOriginRegexSource(origins: string[]): string {
  const parts: string[] = [];
  origins.forEach((o, i) => {
    const t = o.trim();
    if (t !== '') {
      parts.push(buildOriginRegex(t));
      if (i !== origins.length - 1) parts.push('|');
    }
  });
  return '(' + parts.join('') + ')$';
}

const regexCache = new WeakMap<EffectivePolicy, RegExp>();

/** The generated nginx regex as a JS RegExp (`~*` = case-insensitive). Same language: only ( ) | [ ] + \ and literals. */
export function ingressNginxOriginRegex(policy: EffectivePolicy): RegExp {
  let re = regexCache.get(policy);
  if (!re) {
    re = new RegExp(ingressNginxOriginRegexSource(templateOrigins(policy)), 'i');
    regexCache.set(policy, re);
  }
  return re;
}

/**
 * The origin list the template receives: the policy's origins, or for a trailing comma before v1.9.5 the kept
 * entries plus the empty last one, whose empty alternative matches every Origin and a missing one
 * (docs/reference/controller-versions.md; test/conformance/cases-versions.mjs).
 */
function templateOrigins(policy: EffectivePolicy): string[] {
  const o = ingressNginxDetails(policy)?.origin;
  if (!o?.emptyMatchesAll) return policy.origins.map((m) => m.value);
  return [...o.pieces.filter((p) => p.status === 'kept').map((p) => p.value), ''];
}

/** The CORS headers of one `if ($cors = …)` block, in template order. */
function corsHeaderBlock(policy: EffectivePolicy, acao: string): Record<string, string> {
  const h: Record<string, string> = {};
  // An empty `$http_origin` (no Origin header) is removed like any empty more_set_headers value.
  if (acao !== '') h['Access-Control-Allow-Origin'] = acao;
  if (policy.allowCredentials) h['Access-Control-Allow-Credentials'] = 'true';
  // more_set_headers with an empty value removes the header instead of sending it empty.
  if (policy.allowMethods !== '') h['Access-Control-Allow-Methods'] = policy.allowMethods;
  if (policy.allowHeaders !== '') h['Access-Control-Allow-Headers'] = policy.allowHeaders;
  if (policy.exposeHeaders !== '') h['Access-Control-Expose-Headers'] = policy.exposeHeaders;
  if (policy.maxAge !== null) h['Access-Control-Max-Age'] = String(policy.maxAge);
  if (policy.varyOrigin) h['Vary'] = 'Origin';
  return h;
}

function whyNoCors(policy: EffectivePolicy): string {
  if (!policy.configured)
    return 'CORS is not switched on for this Ingress (enable-cors is not `true`), so ingress-nginx adds no CORS headers';
  if (policy.origins.length === 0)
    return 'no usable origin is left in cors-allow-origin, so ingress-nginx adds no CORS headers to any response';
  return 'the chart renders no Ingress (ingress.enabled is not `true`), so none of the CORS annotations take effect';
}

/** nginx's request-line parser accepts only A–Z, `_` and `-` in a method; anything else is a 400 before any location runs. */
export const NGINX_METHOD = /^[A-Z_-]+$/;

function ingressNginxResponse(policy: EffectivePolicy, req: ControllerRequest): ControllerResponse {
  const origin = req.origin ?? null;
  if (!NGINX_METHOD.test(req.method)) {
    return {
      status: 400,
      headers: {},
      branch: 'none',
      originAllowed: false,
      why: `nginx rejects the method \`${req.method}\` with 400 Bad Request while parsing the request line (only upper-case letters, \`_\` and \`-\` are accepted), before any location or CORS configuration runs, so the response has no CORS headers`,
    };
  }
  const options = req.method === 'OPTIONS'; // nginx `=` compares case-sensitively
  if (!policy.enabled) return { status: 'backend', headers: {}, branch: 'none', originAllowed: false, why: whyNoCors(policy) };
  let allowed: boolean;
  let acao: string;
  if (policy.acaoMode === 'literal-star') {
    allowed = true;
    acao = '*';
  } else {
    const emptyMatches = !!ingressNginxDetails(policy)?.origin.emptyMatchesAll;
    allowed = (origin !== null || emptyMatches) && ingressNginxOriginRegex(policy).test(origin ?? '');
    acao = origin ?? '';
  }
  if (!allowed) {
    const o =
      origin === null ? 'the request has no Origin header' : `\`${origin}\` does not match any allowed origin (${listOrigins(policy)})`;
    return {
      status: 'backend',
      headers: {},
      branch: 'none',
      originAllowed: false,
      why: options
        ? `${o}, so ingress-nginx adds no CORS headers and the OPTIONS request falls through to the backend (auth or the app answers it, e.g. 401 or 404)`
        : `${o}, so ingress-nginx adds no CORS headers`,
    };
  }
  const headers = corsHeaderBlock(policy, acao);
  const echo =
    policy.acaoMode === 'literal-star'
      ? 'ingress-nginx sends `Access-Control-Allow-Origin: *` on every response'
      : origin === null
        ? 'the empty alternative of the origin regex also matches a request without Origin, so ingress-nginx sends its CORS headers (without `Access-Control-Allow-Origin`)'
        : `ingress-nginx echoes \`${origin}\``;
  if (options) {
    // The template also sets `Content-Type: text/plain charset=UTF-8`, but nginx drops Content-Type on a 204.
    headers['Content-Length'] = '0';
    return {
      status: 204,
      headers,
      branch: 'preflight',
      originAllowed: true,
      why: `${echo} and answers the OPTIONS request itself with 204`,
    };
  }
  return { status: 'backend', headers, branch: 'cors', originAllowed: true, why: `${echo} on the backend's response` };
}

function listOrigins(policy: EffectivePolicy): string {
  const v = policy.origins.map((m) => q(m.value));
  return v.length > 4 ? v.slice(0, 4).join(', ') + ', …' : v.join(', ');
}

/* ------------------------------------------------------------ other controllers */

/**
 * Controllers that answer preflights themselves and compare origins exactly (Traefik, Envoy/Istio,
 * Gateway API): an approximation from the EffectivePolicy fields, used until each gets its own model.
 */
function genericResponse(policy: EffectivePolicy, req: ControllerRequest): ControllerResponse {
  const origin = req.origin ?? null;
  const preflight = req.method === 'OPTIONS' && !!req.requestMethod && origin !== null;
  if (!policy.enabled)
    return {
      status: 'backend',
      headers: {},
      branch: 'none',
      originAllowed: false,
      why: 'CORS is not in effect, so no CORS headers are added',
    };
  const allowed = origin !== null && policy.origins.some((m) => matcherMatches(m, origin, false, policy.profile.origins));
  if (!allowed) {
    return {
      status: 'backend',
      headers: {},
      branch: 'none',
      originAllowed: false,
      why: origin === null ? 'the request has no Origin header' : `\`${origin}\` is not an allowed origin, so no CORS headers are added`,
    };
  }
  const headers = corsHeaderBlock(policy, policy.acaoMode === 'literal-star' ? '*' : origin);
  if (preflight && policy.allowCredentials && policy.reflectsWildcardWithCredentials) {
    // `*` cannot be a wildcard with credentials: the controller names what the preflight asks for.
    if (policy.allowMethods === '*') headers['Access-Control-Allow-Methods'] = req.requestMethod!;
    if (policy.allowHeaders === '*') {
      if (req.requestHeaders) headers['Access-Control-Allow-Headers'] = req.requestHeaders;
      else delete headers['Access-Control-Allow-Headers'];
    }
  }
  if (preflight && policy.preflightHeaders) Object.assign(headers, policy.preflightHeaders);
  if (preflight)
    return {
      status: policy.preflightStatus,
      headers,
      branch: 'preflight',
      originAllowed: true,
      why: `the controller answers the preflight with ${policy.preflightStatus}`,
    };
  return {
    status: 'backend',
    headers,
    branch: 'cors',
    originAllowed: true,
    why: 'the controller adds CORS headers to the backend response',
  };
}

/* ------------------------------------------------------------ hand-written headers */

/** Headers written by hand (snippets, custom headers) when the controller's own CORS is off (policy/handwritten/). */
function handwrittenControllerResponse(policy: EffectivePolicy, req: ControllerRequest): ControllerResponse {
  if (policy.profile.responder === 'nginx-template' && !NGINX_METHOD.test(req.method)) return ingressNginxResponse(policy, req);
  const r = handwrittenResponse(policy.handwritten!, { origin: req.origin ?? null, method: req.method });
  const sent = Object.keys(r.headers).some((h) => /^access-control-allow-origin$/i.test(h));
  const origin = req.origin ?? null;
  const allowed = origin !== null && sent;
  const where = `the headers written by hand in ${policy.handwritten!.sources.map((s) => s.via).join(' and ')}`;
  const why =
    r.status !== 'backend'
      ? `${where} answer the OPTIONS request with ${r.status}`
      : sent
        ? `${where} add \`Access-Control-Allow-Origin\` to the backend's response${r.successOnly.length ? ' (only on 2xx/3xx statuses: `add_header` without `always`)' : ''}`
        : `${where} add no \`Access-Control-Allow-Origin\` for this request`;
  const out: ControllerResponse = {
    status: r.status,
    headers: r.headers,
    branch: r.status !== 'backend' ? 'preflight' : sent ? 'cors' : 'none',
    originAllowed: allowed,
    why,
  };
  if (r.successOnly.length) out.successOnly = r.successOnly;
  return out;
}

/**
 * The controller's own CORS plus headers written by hand (checked with real nginx, docs/reference/handwritten-cors.md):
 * an `add_header` is a second header line next to the controller's; a location-level `more_set_headers` yields to
 * the controller's (set inside its `if` block, which is applied last) and fills in the headers it does not send.
 */
function withHandwritten(policy: EffectivePolicy, req: ControllerRequest, r: ControllerResponse): ControllerResponse {
  if (policy.profile.responder === 'nginx-template' && !NGINX_METHOD.test(req.method)) return r;
  // Envoy's CORS filter answers the preflight itself: the route's response headers are not applied to it.
  if (policy.handwritten!.nativeWins && r.branch === 'preflight') return r;
  const h = handwrittenResponse(policy.handwritten!, { origin: req.origin ?? null, method: req.method });
  const headers = { ...r.headers };
  for (const [name, value] of Object.entries(h.headers)) {
    const key = Object.keys(headers).find((k) => k.toLowerCase() === name.toLowerCase());
    if (key === undefined) headers[name] = value;
    else if (h.appended.includes(name) && !policy.handwritten!.nativeWins) headers[key] = `${headers[key]}, ${value}`;
  }
  const out: ControllerResponse = { ...r, headers };
  if (h.successOnly.length) out.successOnly = h.successOnly;
  return out;
}

/** What the controller answers one HTTP request with. */
export function controllerResponse(policy: EffectivePolicy, req: ControllerRequest): ControllerResponse {
  if (policy.handwritten && !policy.handwritten.native && policy.configured) return handwrittenControllerResponse(policy, req);
  if (policy.handwritten?.native) return withHandwritten(policy, req, ownResponse(policy, req));
  return ownResponse(policy, req);
}

function ownResponse(policy: EffectivePolicy, req: ControllerRequest): ControllerResponse {
  return policy.profile.responder === 'nginx-template'
    ? ingressNginxResponse(policy, req)
    : (gatewayResponse(policy, req) ?? genericResponse(policy, req));
}
