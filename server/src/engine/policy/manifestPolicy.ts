/**
 * The shared builder of the manifest controllers' policies (Traefik, Istio, Gateway API): each policy module
 * reads its own fields into a ManifestPolicyParts; the steps they share (credentials, list fields, `*` among
 * the origins) and the assembled EffectivePolicy are here.
 */
import type { EffectivePolicy, GatewayApiTarget, IstioTarget, ManifestField, OriginMatcher, TraefikTarget } from '../types';
import { PROFILES } from './profiles';
import { boolOf, joinedList, setField } from './manifestFields';
import { q } from '../util/markdown';
import type { TextLike } from '../util/pieceText';

type ManifestTarget = TraefikTarget | IstioTarget | GatewayApiTarget;

/** What a manifest controller's policy module decides; the rest of the EffectivePolicy is the same for all. */
export type ManifestPolicyParts = Pick<
  EffectivePolicy,
  | 'origins'
  | 'writtenOrigins'
  | 'acaoMode'
  | 'allowCredentials'
  | 'allowMethods'
  | 'allowHeaders'
  | 'exposeHeaders'
  | 'maxAge'
  | 'varyOrigin'
  | 'fields'
  | 'notes'
>;

/** The EffectivePolicy of a manifest target: CORS is on when an origin is allowed; the controller answers preflights with 200. */
export function manifestPolicy(target: ManifestTarget, parts: ManifestPolicyParts): EffectivePolicy {
  return {
    controller: target.kind,
    profile: PROFILES[target.kind],
    source: target.source,
    anchor: target.anchor,
    docIndex: target.docIndex,
    enabled: parts.origins.length > 0,
    configured: true,
    origins: parts.origins,
    writtenOrigins: parts.writtenOrigins,
    acaoMode: parts.acaoMode,
    allowCredentials: parts.allowCredentials,
    allowMethods: parts.allowMethods,
    allowHeaders: parts.allowHeaders,
    exposeHeaders: parts.exposeHeaders,
    maxAge: parts.maxAge,
    varyOrigin: parts.varyOrigin,
    preflightStatus: 200,
    fields: parts.fields,
    notes: parts.notes,
    target,
  };
}

/**
 * The credentials field (recorded in `fields`): true only for a boolean true as the API server reads YAML; a
 * value that is not a boolean is noted with what happens (`rejected`, e.g. "the API server rejects the HTTPRoute").
 */
export function credentialsOf(
  fields: EffectivePolicy['fields'],
  notes: string[],
  f: ManifestField | undefined,
  name: string,
  rejected: string,
): boolean {
  setField(fields, 'credentials', f);
  const cred = boolOf(f);
  if (f && cred === undefined) notes.push(`${name} ${q(f.value.text)} is not a boolean: ${rejected}.`);
  return cred === true;
}

/** The methods, headers and expose-headers list fields (recorded in `fields`), joined the way the controller joins them. */
export function listFields(
  text: TextLike,
  fields: EffectivePolicy['fields'],
  f: { methods: ManifestField | undefined; headers: ManifestField | undefined; expose: ManifestField | undefined },
  sep = ',',
): { allowMethods: string; allowHeaders: string; exposeHeaders: string } {
  setField(fields, 'methods', f.methods);
  setField(fields, 'headers', f.headers);
  setField(fields, 'expose', f.expose);
  return {
    allowMethods: joinedList(text, f.methods, sep),
    allowHeaders: joinedList(text, f.headers, sep),
    exposeHeaders: joinedList(text, f.expose, sep),
  };
}

/** The origins in effect: a `*` among the written ones stands for all of them. */
export function effectiveOrigins(written: OriginMatcher[]): { star: OriginMatcher | undefined; origins: OriginMatcher[] } {
  const star = written.find((w) => w.kind === 'any');
  return { star, origins: star ? [star] : written };
}
