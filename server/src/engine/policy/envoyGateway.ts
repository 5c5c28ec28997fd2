/**
 * Step 3 (Envoy Gateway): the effective policy of a SecurityPolicy `spec.cors`, as the translator builds Envoy's
 * CORS policy (docs/reference/envoy-gateway.md): entries without `*` are exact, case-sensitive matches; a `*`
 * becomes `.*` in a full-match regex, so `https://*.example.com` spans any number of labels; `maxAge` is a
 * duration truncated to whole seconds; unset maxAge sends no header.
 */
import type { AuthGate, EffectivePolicy, EnvoyGatewayTarget, OriginMatcher } from '../types';
import { originKind } from './origins';
import { seqItems, seqMatcher, setField } from './manifestFields';
import { envoyBool, envoyPolicy, goDuration } from './envoyFamily';
import { q } from '../util/markdown';

/** CRD pattern of `maxAge` (gwapiv1.Duration). */
export const ENVOY_GATEWAY_DURATION = /^([0-9]{1,5}(h|m|s|ms)){1,4}$/;

/** The regex Envoy Gateway writes for an origin with `*` (QuoteMeta, then `\*` → `.*`). */
export function envoyGatewayWildcardRegex(origin: string): string {
  return origin.replace(/[\\.+*?()|[\]{}^$]/g, (c) => (c === '*' ? '.*' : '\\' + c));
}

function origins(target: EnvoyGatewayTarget, notes: string[]): OriginMatcher[] {
  const f = target.fields.get('allowOrigins');
  const out: OriginMatcher[] = [];
  for (const it of seqItems(target.text, f)) {
    const v = it.value;
    let kind: OriginMatcher['kind'] = v === '*' ? 'any' : originKind(v);
    let value = v;
    if (kind === 'wildcard-subdomain' && v.indexOf('*') !== v.lastIndexOf('*')) kind = 'regex';
    else if (kind === 'wildcard-subdomain')
      notes.push(`${q(v)}: Envoy Gateway turns \`*\` into \`.*\`, which spans any number of labels (\`a.b.\` subdomains match too).`);
    else if (kind !== 'any' && v.includes('*')) kind = 'regex';
    if (kind === 'regex') {
      value = envoyGatewayWildcardRegex(v);
      notes.push(`${q(v)} is sent to Envoy as the full-match regex ${q(value)}.`);
    }
    out.push(seqMatcher(value, kind, it.node, it.seq, it.field, out.length));
  }
  return out;
}

/** `*` anywhere in the list: Envoy Gateway sends exactly `*`, which Envoy answers with the requested value. */
function starList(target: EnvoyGatewayTarget, name: string): string {
  const items = seqItems(target.text, target.fields.get(name)).map((i) => i.value);
  return items.includes('*') ? '*' : items.join(', ');
}

function maxAgeOf(target: EnvoyGatewayTarget, fields: EffectivePolicy['fields'], notes: string[]): number | null {
  const f = target.fields.get('maxAge');
  setField(fields, 'maxAge', f);
  if (!f) {
    notes.push('maxAge is not set: Envoy sends no `Access-Control-Max-Age` (browsers cache the preflight for 5 s).');
    return null;
  }
  const s = f.value.text.trim();
  if (!f.value.isString || !ENVOY_GATEWAY_DURATION.test(s)) {
    notes.push(`maxAge ${q(f.value.text)} is not a duration like \`1h\` or \`600s\`: the API server rejects the SecurityPolicy.`);
    return null;
  }
  const seconds = Math.trunc((goDuration(s) ?? 0) / 1e9);
  if (!/^\d+s$/.test(s)) notes.push(`maxAge ${q(s)} is sent as \`Access-Control-Max-Age: ${seconds}\` (whole seconds, truncated).`);
  return seconds;
}

export function envoyGatewayPolicy(target: EnvoyGatewayTarget): EffectivePolicy {
  const notes: string[] = [];
  const fields: EffectivePolicy['fields'] = {};
  const F = (n: string) => target.fields.get(n);
  setField(fields, 'origin', F('allowOrigins'));
  setField(fields, 'methods', F('allowMethods'));
  setField(fields, 'headers', F('allowHeaders'));
  setField(fields, 'expose', F('exposeHeaders'));
  const allowCredentials = envoyBool(target, 'allowCredentials', fields, notes, 'SecurityPolicy');
  const written = origins(target, notes);
  if (target.auth.length > 0)
    notes.push(
      `This SecurityPolicy also sets ${target.auth.map((a) => q(a.key)).join(', ')}: Envoy Gateway runs the CORS filter before those filters, so preflights are answered without authentication ` +
        '(from a foreign origin too: a 200 without CORS headers, never forwarded).',
    );
  notes.push('An HTTPRoute `CORS` filter on the same route takes precedence over this SecurityPolicy.');
  const p = envoyPolicy('envoy-gateway', target, {
    origins: written,
    writtenOrigins: written,
    allowCredentials,
    allowMethods: starList(target, 'allowMethods'),
    allowHeaders: starList(target, 'allowHeaders'),
    exposeHeaders: seqItems(target.text, F('exposeHeaders'))
      .map((i) => i.value)
      .join(', '),
    maxAge: maxAgeOf(target, fields, notes),
    fields,
    notes,
    literal: true,
  });
  if (target.auth.length > 0) p.authGates = target.auth.map((a) => envoyGatewayGate(target, a));
  return p;
}

const GATE_KIND: Record<string, AuthGate['kind']> = {
  jwt: 'jwt',
  oidc: 'external',
  basicAuth: 'basic',
  apiKeyAuth: 'external',
  extAuth: 'external',
  authorization: 'jwt',
};

/** An authentication key of the same SecurityPolicy: its filter runs after the CORS filter (docs/reference/envoy-gateway.md). */
function envoyGatewayGate(target: EnvoyGatewayTarget, a: EnvoyGatewayTarget['auth'][number]): AuthGate {
  return {
    kind: GATE_KIND[a.key] ?? 'external',
    range: a.range,
    source: `${target.source} spec.${a.key}`,
    exemptsPreflight: true,
    why: `Envoy Gateway orders the CORS filter before the \`${a.key}\` filter, so the CORS filter answers every preflight itself and it never reaches authentication`,
    exemptHow: 'Nothing to do: the CORS filter of the same SecurityPolicy answers preflights first.',
  };
}
