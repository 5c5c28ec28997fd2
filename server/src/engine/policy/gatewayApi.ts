/**
 * Step 3 (Gateway API): the effective CORS policy of one HTTPRoute `CORS` filter, as the spec (GEP-1767,
 * HTTPCORSFilter field docs) requires it (docs/reference/controllers.md).
 */
import { PROFILES } from './profiles';
import type { EffectivePolicy, GatewayApiTarget, OriginKind, OriginMatcher } from '../types';
import { originKind } from './origins';
import { boolOf, intOf, joinedList, seqItems, seqMatcher, setField } from './manifestFields';
import { q } from '../util/markdown';
import { atLeast, type ControllerVersion } from '../config/controllers';

/**
 * What the HTTPRoute CRD of a Gateway API version accepts (docs/reference/controller-versions.md §Gateway API):
 * no CORS filter before v1.3.0, experimental channel only before v1.5.0, `allowCredentials` only `true` in v1.3.
 * Returns false when the API server rejects the HTTPRoute.
 */
function crdAccepts(version: ControllerVersion | undefined, credentials: boolean | undefined, notes: string[]): boolean {
  if (!version) return true;
  const name = `Gateway API v${version.text}`;
  if (!atLeast(version, '1.3.0')) {
    notes.push(`${name} has no CORS filter (added in v1.3.0): the API server rejects the HTTPRoute.`);
    return false;
  }
  if (!atLeast(version, '1.5.0')) notes.push(`${name}: the CORS filter is in the experimental channel only (standard from v1.5.0).`);
  if (!atLeast(version, '1.4.0') && credentials === false) {
    notes.push(`${name} accepts only \`allowCredentials: true\` (\`false\` from v1.4.0): the API server rejects the HTTPRoute.`);
    return false;
  }
  return true;
}


/** Access-Control-Max-Age when `maxAge` is not set (CRD default). */
export const GATEWAY_API_DEFAULT_MAX_AGE = 5;

export function gatewayApiPolicy(target: GatewayApiTarget, version?: ControllerVersion): EffectivePolicy {
  const text = target.text;
  const F = (n: string) => target.fields.get(n);
  const notes: string[] = [];
  const fields: EffectivePolicy['fields'] = {};

  const originsF = F('allowOrigins');
  setField(fields, 'origin', originsF);
  const credF = F('allowCredentials');
  setField(fields, 'credentials', credF);
  const cred = boolOf(credF);
  if (credF && cred === undefined) notes.push(`allowCredentials ${q(credF.value.text)} is not a boolean: the API server rejects the HTTPRoute.`);
  const allowCredentials = cred === true;
  const accepted = crdAccepts(version, cred, notes);

  const writtenOrigins: OriginMatcher[] = [];
  for (const it of seqItems(text, originsF)) {
    const kind: OriginKind = it.value === '*' ? 'any' : originKind(it.value);
    writtenOrigins.push(seqMatcher(it.value, kind, it.node, it.seq, it.field, writtenOrigins.length));
    if (kind === 'wildcard-subdomain') notes.push(`${q(it.value)}: the Gateway API \`*\` spans any number of labels (it also matches \`a.b.\` subdomains).`);
  }
  const star = writtenOrigins.find((w) => w.kind === 'any');
  const origins = star ? [star] : writtenOrigins;
  let acaoMode: EffectivePolicy['acaoMode'] = 'echo';
  if (star) {
    if (writtenOrigins.length > 1) notes.push('`*` cannot be listed with other origins: the API server rejects the HTTPRoute (CEL rule).');
    if (allowCredentials) notes.push('`*` with allowCredentials: the gateway must not send `*` and returns the request Origin instead, so every origin gets credentialed access.');
    else {
      acaoMode = 'literal-star';
      notes.push('`*` without credentials: the gateway may send `Access-Control-Allow-Origin: *`.');
    }
  } else if (origins.length > 0) notes.push('The gateway sets `Access-Control-Allow-Origin` to the request Origin when it matches; the spec does not require `Vary: Origin`.');
  else notes.push('allowOrigins is empty or not set: no origin is allowed and no CORS headers are sent.');

  const methodsF = F('allowMethods');
  const headersF = F('allowHeaders');
  const exposeF = F('exposeHeaders');
  setField(fields, 'methods', methodsF);
  setField(fields, 'headers', headersF);
  setField(fields, 'expose', exposeF);
  const allowMethods = joinedList(text, methodsF, ', ');
  const allowHeaders = joinedList(text, headersF, ', ');
  const exposeHeaders = joinedList(text, exposeF, ', ');
  if (allowCredentials) {
    if (allowMethods === '*') notes.push('allowMethods `*` with credentials: the gateway returns the requested method instead of `*`.');
    if (allowHeaders === '*') notes.push('allowHeaders `*` with credentials: the gateway returns the requested headers instead of `*`.');
    if (exposeHeaders.split(', ').includes('*')) notes.push('exposeHeaders `*` with credentials: the gateway cannot use `*`.');
  }

  const maxF = F('maxAge');
  setField(fields, 'maxAge', maxF);
  let maxAge: number | null = intOf(maxF) ?? null;
  if (!maxF) {
    maxAge = GATEWAY_API_DEFAULT_MAX_AGE;
    notes.push(`maxAge is not set: the gateway sends \`Access-Control-Max-Age: ${GATEWAY_API_DEFAULT_MAX_AGE}\`.`);
  } else if (maxAge === null || maxAge < 1) {
    notes.push(`maxAge ${q(maxF.value.text)} is not an integer of at least 1: the API server rejects the HTTPRoute.`);
    maxAge = null;
  }

  return {
    controller: 'gateway-api',
    profile: PROFILES['gateway-api'],
    source: target.source,
    anchor: target.anchor,
    docIndex: target.docIndex,
    enabled: accepted && origins.length > 0,
    configured: true,
    origins,
    writtenOrigins,
    acaoMode,
    allowCredentials,
    allowMethods,
    allowHeaders,
    exposeHeaders,
    maxAge,
    varyOrigin: false,
    preflightStatus: 200,
    fields,
    notes,
    target,
  };
}
