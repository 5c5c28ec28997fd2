/**
 * Step 3 (Gateway API): the effective CORS policy of one HTTPRoute `CORS` filter, as the spec (GEP-1767,
 * HTTPCORSFilter field docs) requires it (docs/reference/controllers.md).
 */
import type { EffectivePolicy, GatewayApiTarget, OriginKind, OriginMatcher } from '../types';
import { originKind } from './origins';
import { GATEWAY_API_DEFAULT_MAX_AGE } from './profiles';
import { boolOf, intOf, seqItems, seqMatcher, setField } from './manifestFields';
import { credentialsOf, effectiveOrigins, listFields, manifestPolicy } from './manifestPolicy';
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

export { GATEWAY_API_DEFAULT_MAX_AGE };

export function gatewayApiPolicy(target: GatewayApiTarget, version?: ControllerVersion): EffectivePolicy {
  const text = target.text;
  const F = (n: string) => target.fields.get(n);
  const notes: string[] = [];
  const fields: EffectivePolicy['fields'] = {};

  const originsF = F('allowOrigins');
  setField(fields, 'origin', originsF);
  const allowCredentials = credentialsOf(fields, notes, F('allowCredentials'), 'allowCredentials', 'the API server rejects the HTTPRoute');
  const accepted = crdAccepts(version, boolOf(F('allowCredentials')), notes);

  const writtenOrigins: OriginMatcher[] = [];
  for (const it of seqItems(text, originsF)) {
    const kind: OriginKind = it.value === '*' ? 'any' : originKind(it.value);
    writtenOrigins.push(seqMatcher(it.value, kind, it.node, it.seq, it.field, writtenOrigins.length));
    if (kind === 'wildcard-subdomain')
      notes.push(`${q(it.value)}: the Gateway API \`*\` spans any number of labels (it also matches \`a.b.\` subdomains).`);
  }
  const { star, origins } = effectiveOrigins(writtenOrigins);
  let acaoMode: EffectivePolicy['acaoMode'] = 'echo';
  if (star) {
    if (writtenOrigins.length > 1) notes.push('`*` cannot be listed with other origins: the API server rejects the HTTPRoute (CEL rule).');
    if (allowCredentials)
      notes.push(
        '`*` with allowCredentials: the gateway must not send `*` and returns the request Origin instead, so every origin gets credentialed access.',
      );
    else {
      acaoMode = 'literal-star';
      notes.push('`*` without credentials: the gateway may send `Access-Control-Allow-Origin: *`.');
    }
  } else if (origins.length > 0)
    notes.push(
      'The gateway sets `Access-Control-Allow-Origin` to the request Origin when it matches; the spec does not require `Vary: Origin`.',
    );
  else notes.push('allowOrigins is empty or not set: no origin is allowed and no CORS headers are sent.');

  const lists = listFields(text, fields, { methods: F('allowMethods'), headers: F('allowHeaders'), expose: F('exposeHeaders') }, ', ');
  if (allowCredentials) {
    if (lists.allowMethods === '*')
      notes.push('allowMethods `*` with credentials: the gateway returns the requested method instead of `*`.');
    if (lists.allowHeaders === '*')
      notes.push('allowHeaders `*` with credentials: the gateway returns the requested headers instead of `*`.');
    if (lists.exposeHeaders.split(', ').includes('*')) notes.push('exposeHeaders `*` with credentials: the gateway cannot use `*`.');
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

  const policy = manifestPolicy(target, {
    origins,
    writtenOrigins,
    acaoMode,
    allowCredentials,
    ...lists,
    maxAge,
    varyOrigin: false,
    fields,
    notes,
  });
  if (!accepted) policy.enabled = false;
  return policy;
}
