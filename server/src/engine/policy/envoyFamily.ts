/**
 * What Envoy Gateway, Contour and Emissary share: all three program Envoy's CORS filter
 * (docs/reference/envoy-cors.md), which echoes the request Origin (never `*`), adds no `Vary`, answers
 * `allow_methods: "*"` / `allow_headers: "*"` with the requested method and headers, and lets any matcher
 * that matches the string `*` allow every origin.
 */
import { PROFILES } from './profiles';
import type { Controller, EffectivePolicy, ManifestCorsTarget, OriginMatcher, Target } from '../types';
import { boolOf, setField } from './manifestFields';
import { parseGoDuration } from './istio';
import { q } from '../util/markdown';

/** The parts of a policy each Envoy-based controller computes; the rest is the same for all three. */
export interface EnvoyParts {
  origins: OriginMatcher[];
  writtenOrigins: OriginMatcher[];
  allowCredentials: boolean;
  allowMethods: string;
  allowHeaders: string;
  exposeHeaders: string;
  maxAge: number | null;
  fields: EffectivePolicy['fields'];
  notes: string[];
  /** False when the controller drops the whole policy (an invalid CORS block). */
  valid?: boolean;
  /** Origins compare as written, character for character (EffectivePolicy.originMatching). */
  literal?: boolean;
}

export function envoyPolicy(controller: Controller, target: ManifestCorsTarget & Target, parts: EnvoyParts): EffectivePolicy {
  const star = parts.origins.find((o) => o.kind === 'any');
  const origins = parts.valid === false ? [] : star ? [star] : parts.origins;
  const notes = parts.notes;
  if (star && parts.allowCredentials)
    notes.push('Any origin with credentials: Envoy echoes every request Origin with `Access-Control-Allow-Credentials: true`.');
  if (origins.length > 0) notes.push('Envoy echoes the request Origin (never `*`) and adds no `Vary: Origin`.');
  else if (parts.valid !== false) notes.push('No origin is allowed: Envoy sends no CORS headers.');
  return {
    controller,
    profile: PROFILES[controller],
    source: target.source,
    anchor: target.anchor,
    docIndex: target.docIndex,
    enabled: origins.length > 0,
    configured: true,
    origins,
    writtenOrigins: parts.writtenOrigins,
    acaoMode: 'echo',
    allowCredentials: parts.allowCredentials,
    allowMethods: parts.allowMethods,
    allowHeaders: parts.allowHeaders,
    exposeHeaders: parts.exposeHeaders,
    maxAge: parts.maxAge,
    varyOrigin: false,
    preflightStatus: 200,
    fields: parts.fields,
    notes,
    // Envoy answers `*` methods/headers with the requested ones (envoy-cors.md): with credentials that is what counts.
    reflectsWildcardWithCredentials: true,
    ...(parts.literal ? { originMatching: 'literal' as const } : {}),
    target,
  };
}

/** A boolean field (credentials), with a note when the API server would not read it as a boolean. */
export function envoyBool(
  target: ManifestCorsTarget,
  name: string,
  fields: EffectivePolicy['fields'],
  notes: string[],
  kind: string,
): boolean {
  const f = target.fields.get(name);
  setField(fields, 'credentials', f);
  const v = boolOf(f);
  if (f && v === undefined) notes.push(`${name} ${q(f.value.text)} is not a boolean: the API server rejects the ${kind}.`);
  return v === true;
}

/** A Go duration in whole nanoseconds (undefined when invalid). */
export function goDuration(s: string): number | undefined {
  return parseGoDuration(s.trim());
}
