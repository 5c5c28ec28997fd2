/**
 * What happens when a page on `origin` calls an API behind the controller with fetch():
 * the controller's answers (controller.ts) checked the way a browser checks them (fetch.ts).
 *
 * `verdict` follows the Fetch Standard. `browserVerdict` is what current browsers do; the two differ only
 * where browsers knowingly deviate (today: `*` in Access-Control-Allow-Headers still covers `Authorization`
 * in Chromium, Firefox and Safari). Access-Control-Max-Age only decides how long a preflight is cached, so
 * its value and the browsers' caps never change a verdict.
 */
import type { EffectivePolicy } from '../types';
import { controllerResponse, type ControllerResponse, type ResponseStatus } from './controller';
import {
  corsUnsafeHeaderNames,
  isForbiddenMethod,
  isForbiddenRequestHeader,
  isSerializedOrigin,
  isToken,
  normalizeMethod,
  parseRequestHeader,
  parseTokenList,
  receivedHeaders,
  SAFELISTED_METHODS,
  type RequestHeader,
} from './fetch';
import { q } from '../util/markdown';

export type Verdict = 'allowed' | 'blocked';

export interface SimulationRequest {
  /** The page's origin, serialized as the browser sends it (`https://app.example.com`, `null`). */
  origin: string;
  /** The method passed to fetch() (`PATCH`, `patch`, `get`…). */
  method: string;
  /**
   * Request headers set by the script: `Name` or `Name: value`. A bare `Content-Type` stands for
   * `application/json` (not safelisted); give `Content-Type: text/plain` for a form type.
   */
  headers?: string[];
  /** credentials: 'include' */
  credentials?: boolean;
}

export interface SimulatedResponse {
  /** A status the controller answers with, or 'backend' when the request is passed through. */
  status: ResponseStatus;
  headers: Record<string, string>;
}

export interface SimulationResult {
  /** Whether the browser sends a CORS preflight first. */
  preflight: boolean;
  /** The controller's answer to the preflight (null when there is none). */
  preflightResponse: SimulatedResponse | null;
  /** The CORS headers the controller puts on the response to the actual request. */
  responseHeaders: Record<string, string>;
  /** The status of the actual request's response ('backend': whatever the backend answers). */
  responseStatus: ResponseStatus;
  /** Whether the browser sends the actual request at all (not after a failed preflight or a TypeError). */
  actualRequestSent: boolean;
  /** Per the Fetch Standard. */
  verdict: Verdict;
  /** Plain-words explanation of the verdict. */
  reason: string;
  /** What current browsers (Chromium, Firefox, Safari) do; differs from `verdict` only where they deviate from the spec. */
  browserVerdict: Verdict;
  /** The method as fetch sends it (after normalization). */
  method: string;
  /** Access-Control-Request-Headers of the preflight: the CORS-unsafe header names, lower-cased and sorted. */
  requestHeaders: string[];
  /** Side remarks that do not change the verdict (dropped headers, Max-Age caps, the Origin's shape). */
  notes: string[];
}

function getHeader(headers: Record<string, string>, name: string): string | undefined {
  const n = name.toLowerCase();
  for (const k of Object.keys(headers)) if (k.toLowerCase() === n) return headers[k];
  return undefined;
}

type Check = { ok: true } | { ok: false; why: string };

/** Fetch "CORS check". */
function corsCheck(resp: ControllerResponse, origin: string, credentials: boolean, what: string): Check {
  const acao = getHeader(resp.headers, 'Access-Control-Allow-Origin');
  if (acao === undefined) return { ok: false, why: `${resp.why}; ${what} has no \`Access-Control-Allow-Origin\` header` };
  if (!credentials && acao === '*') return { ok: true };
  if (acao !== origin) {
    if (acao === '*') return { ok: false, why: `${what} has \`Access-Control-Allow-Origin: *\` and the request carries credentials` };
    return { ok: false, why: `${what} has \`Access-Control-Allow-Origin: ${acao}\`, which is not the request's origin ${q(origin)}` };
  }
  if (!credentials) return { ok: true };
  const acac = getHeader(resp.headers, 'Access-Control-Allow-Credentials');
  if (acac !== 'true') {
    return {
      ok: false,
      why:
        acac === undefined
          ? `the request carries credentials but ${what} has no \`Access-Control-Allow-Credentials: true\` (credentials are not allowed)`
          : `the request carries credentials but ${what} has \`Access-Control-Allow-Credentials: ${acac}\` instead of exactly \`true\``,
    };
  }
  return { ok: true };
}

interface Outcome {
  verdict: Verdict;
  reason: string;
  actualRequestSent: boolean;
}

/** The preflight checks after the CORS check (status, Allow-Methods, Allow-Headers). */
function preflightChecks(
  pre: ControllerResponse,
  method: string,
  unsafe: string[],
  credentials: boolean,
  spec: boolean,
): Check & { authorizationByWildcard?: boolean } {
  if (typeof pre.status !== 'number') {
    return {
      ok: false,
      why: `the preflight reaches the backend instead of being answered by the controller; it passes only if the backend answers it with 2xx and the CORS headers`,
    };
  }
  if (pre.status < 200 || pre.status > 299)
    return { ok: false, why: `the preflight response has status ${pre.status}, and a preflight needs a 2xx status` };
  const acam = getHeader(pre.headers, 'Access-Control-Allow-Methods');
  const acah = getHeader(pre.headers, 'Access-Control-Allow-Headers');
  const methods = parseTokenList(acam);
  if ('bad' in methods) {
    return {
      ok: false,
      why: `\`Access-Control-Allow-Methods: ${acam}\` contains ${q(methods.bad)}, which is not a method token (items must be separated by commas), so browsers reject the whole preflight`,
    };
  }
  const names = parseTokenList(acah);
  if ('bad' in names) {
    return {
      ok: false,
      why: `\`Access-Control-Allow-Headers: ${acah}\` contains ${q(names.bad)}, which is not a header name (items must be separated by commas), so browsers reject the whole preflight`,
    };
  }
  const mStar = methods.items.includes('*');
  if (!methods.items.includes(method) && !SAFELISTED_METHODS.includes(method) && (credentials || !mStar)) {
    let why: string;
    const ci = methods.items.find((x) => x.toLowerCase() === method.toLowerCase());
    if (ci) {
      why = `${q(method)} is not in \`Access-Control-Allow-Methods: ${acam}\`: methods are compared case-sensitively, ${q(ci)} does not match ${q(method)} (fetch only upper-cases DELETE, GET, HEAD, OPTIONS, POST and PUT)`;
    } else if (mStar && credentials) {
      why = `\`Access-Control-Allow-Methods: ${acam}\` relies on \`*\`, which is not a wildcard for a request with credentials, and ${q(method)} is not listed`;
    } else {
      why =
        acam === undefined
          ? `the preflight response has no \`Access-Control-Allow-Methods\`, so ${q(method)} is not allowed`
          : `${q(method)} is not in \`Access-Control-Allow-Methods: ${acam}\``;
    }
    return { ok: false, why };
  }
  const lower = names.items.map((x) => x.toLowerCase());
  const hStar = names.items.includes('*');
  let authorizationByWildcard = false;
  // CORS non-wildcard request-header name: Authorization must be listed explicitly.
  if (unsafe.includes('authorization') && !lower.includes('authorization') && hStar && !credentials) {
    if (spec) {
      return {
        ok: false,
        why: `\`Authorization\` is not covered by \`*\` in \`Access-Control-Allow-Headers: ${acah}\`: the Fetch Standard requires it to be listed explicitly. Current browsers deviate and still let \`*\` cover it (Chromium keeps CorsNonWildcardRequestHeadersSupport disabled by default, Firefox and Safari too), with a deprecation warning, so this works today but breaks once they follow the spec`,
        authorizationByWildcard: true,
      };
    }
    authorizationByWildcard = true;
  }
  for (const u of unsafe) {
    if (lower.includes(u)) continue;
    if (hStar && !credentials) continue;
    if (hStar && credentials) {
      return {
        ok: false,
        why: `${q(u)} is not listed in \`Access-Control-Allow-Headers: ${acah}\`, and \`*\` is not a wildcard for a request with credentials`,
      };
    }
    return {
      ok: false,
      why:
        acah === undefined
          ? `the preflight response has no \`Access-Control-Allow-Headers\`, so the request header ${q(u)} is not allowed`
          : `the request header ${q(u)} is not in \`Access-Control-Allow-Headers: ${acah}\``,
    };
  }
  return { ok: true, authorizationByWildcard };
}

/** The result when fetch() throws before sending anything. */
function blockedEarly(reason: string, method: string, notes: string[]): SimulationResult {
  return {
    preflight: false,
    preflightResponse: null,
    responseHeaders: {},
    responseStatus: 'backend',
    actualRequestSent: false,
    verdict: 'blocked',
    reason,
    browserVerdict: 'blocked',
    method,
    requestHeaders: [],
    notes,
  };
}

/** The headers fetch() actually sends (forbidden ones are dropped silently, with a note). */
function keptHeaders(entries: readonly string[], notes: string[]): RequestHeader[] {
  const kept: RequestHeader[] = [];
  for (const entry of entries) {
    const h = parseRequestHeader(entry);
    if (isForbiddenRequestHeader(h.name, h.value)) {
      notes.push(
        `${q(h.name)} is a forbidden request header: fetch() drops it silently, so allowing it in Access-Control-Allow-Headers has no effect.`,
      );
      continue;
    }
    kept.push(h);
  }
  return kept;
}

/** What the browser reads (differs from what is sent only when a value carries a line break). */
function seenByBrowser(r: ControllerResponse, notes: string[]): ControllerResponse {
  const v = receivedHeaders(r.headers);
  for (const name of v.split) {
    const note = `\`${name}\` contains a line break: nginx sends it raw (only possible with annotation validation off), browsers read just ${q(v.headers[name])} and drop the rest, and strict HTTP clients reject the response.`;
    if (!notes.includes(note)) notes.push(note);
  }
  return v.split.length ? { ...r, headers: v.headers } : r;
}

/** The exchange as the browser sees it, shared by the spec and the browser runs. */
interface Exchange {
  policy: EffectivePolicy;
  origin: string;
  credentials: boolean;
  method: string;
  unsafe: string[];
  pre: ControllerResponse | null;
  actualSeen: ControllerResponse;
  preSeen: ControllerResponse | null;
}

/** The preflight (if any) then the actual request, per the spec (`spec`) or as current browsers do. */
function runChecks(x: Exchange, spec: boolean): Outcome & { authorizationByWildcard?: boolean } {
  let authorizationByWildcard = false;
  if (x.preSeen) {
    const c = corsCheck(x.preSeen, x.origin, x.credentials, 'the preflight response');
    if (!c.ok) return { verdict: 'blocked', reason: c.why, actualRequestSent: false };
    const p = preflightChecks(x.preSeen, x.method, x.unsafe, x.credentials, spec);
    if (!p.ok) return { verdict: 'blocked', reason: p.why, actualRequestSent: false, authorizationByWildcard: p.authorizationByWildcard };
    authorizationByWildcard = !!p.authorizationByWildcard;
  }
  const c = corsCheck(x.actualSeen, x.origin, x.credentials, 'the response');
  if (!c.ok) return { verdict: 'blocked', reason: c.why + (x.pre ? ' (the preflight passed)' : ''), actualRequestSent: true };
  return {
    verdict: 'allowed',
    reason: allowedReason(x.policy, x.actualSeen, x.preSeen, x.method, x.unsafe, x.credentials),
    actualRequestSent: true,
    authorizationByWildcard,
  };
}

/** Remarks that do not change the verdict: nginx's 400 for lower-case methods, Max-Age, Expose-Headers `*`. */
function sideNotes(x: Exchange, actual: ControllerResponse, notes: string[]): void {
  if (actual.status === 400 && x.policy.profile.responder === 'nginx-template') {
    notes.push(
      `nginx answers any request whose method is not upper-case (${q(x.method)}) with 400 Bad Request before the CORS configuration runs: such a method cannot work through ingress-nginx, whatever cors-allow-methods says.`,
    );
  }
  if (x.pre) {
    const ma = getHeader(x.pre.headers, 'Access-Control-Max-Age');
    if (ma !== undefined) {
      const n = Number(ma);
      if (!/^[0-9]+$/.test(ma))
        notes.push(
          `Access-Control-Max-Age ${q(ma)} is not a valid number of seconds: browsers cache the preflight for 5 s or not at all. This does not change the verdict.`,
        );
      else if (n > 600)
        notes.push(
          `Access-Control-Max-Age ${ma} only sets how long the preflight is cached, and browsers cap it (Chromium 7200 s, Firefox 86400 s, Safari 600 s). This does not change the verdict.`,
        );
    }
  }
  if (x.credentials && getHeader(x.actualSeen.headers, 'Access-Control-Expose-Headers') === '*') {
    notes.push(
      'With credentials, `*` in Access-Control-Expose-Headers is not a wildcard: only the safelisted response headers are readable.',
    );
  }
}

/** Simulate one fetch() from `request.origin` against the policy. */
export function simulate(policy: EffectivePolicy, request: SimulationRequest): SimulationResult {
  const notes: string[] = [];
  const origin = request.origin;
  const credentials = !!request.credentials;
  if (!isSerializedOrigin(origin)) {
    notes.push(`${q(origin)} is not an origin a browser sends (scheme://host[:port] in lower case without a default port, or \`null\`).`);
  }
  if (!isToken(request.method))
    return blockedEarly(
      `${q(request.method)} is not a valid method: fetch() throws a TypeError before sending anything`,
      request.method,
      notes,
    );
  if (isForbiddenMethod(request.method))
    return blockedEarly(
      `${q(request.method)} is a forbidden method: fetch() throws a TypeError before sending anything`,
      request.method,
      notes,
    );

  const method = normalizeMethod(request.method);
  if (method !== request.method) notes.push(`fetch() normalizes ${q(request.method)} to ${q(method)}.`);

  const unsafe = corsUnsafeHeaderNames(keptHeaders(request.headers ?? [], notes));
  const preflight = !SAFELISTED_METHODS.includes(method) || unsafe.length > 0;

  const actual = controllerResponse(policy, { method, origin });
  const pre = preflight
    ? controllerResponse(policy, {
        method: 'OPTIONS',
        origin,
        requestMethod: method,
        requestHeaders: unsafe.length ? unsafe.join(',') : null,
      })
    : null;
  const actualSeen = seenByBrowser(actual, notes);
  const preSeen = pre ? seenByBrowser(pre, notes) : null;
  const x: Exchange = { policy, origin, credentials, method, unsafe, pre, actualSeen, preSeen };

  const specOutcome = runChecks(x, true);
  const browserOutcome = runChecks(x, false);
  let reason = specOutcome.reason;
  if (specOutcome.verdict === 'allowed' && browserOutcome.verdict === 'allowed' && browserOutcome.authorizationByWildcard) {
    reason += '. Note: `Authorization` passes only through `*`, a browser deviation from the spec';
  }
  sideNotes(x, actual, notes);

  return {
    preflight,
    preflightResponse: pre ? { status: pre.status, headers: pre.headers } : null,
    responseHeaders: actual.headers,
    responseStatus: actual.status,
    actualRequestSent: specOutcome.actualRequestSent,
    verdict: specOutcome.verdict,
    reason,
    browserVerdict: browserOutcome.verdict,
    method,
    requestHeaders: unsafe,
    notes,
  };
}

function allowedReason(
  policy: EffectivePolicy,
  actual: ControllerResponse,
  pre: ControllerResponse | null,
  method: string,
  unsafe: string[],
  credentials: boolean,
): string {
  const acao = getHeader(actual.headers, 'Access-Control-Allow-Origin');
  let s =
    acao === '*'
      ? 'the response has `Access-Control-Allow-Origin: *` and the request carries no credentials'
      : `the response echoes the origin in \`Access-Control-Allow-Origin: ${acao}\``;
  if (credentials) s += ' with `Access-Control-Allow-Credentials: true`';
  if (pre) {
    const what = [q(method), ...unsafe.map(q)].join(', ');
    s += `; the preflight (${pre.status}) allows ${what}`;
  } else {
    s += `; no preflight is needed (${q(method)} with safelisted headers only)`;
  }
  if (policy.profile.responder === 'nginx-template' && !policy.varyOrigin && acao !== '*')
    s += `. ${policy.profile.name} sends no \`Vary: Origin\`, so shared caches may mix up responses for different origins`;
  return s;
}
