/**
 * Step 3 (Traefik's `kubernetesIngressNGINX` provider, Traefik v3.5+): the `nginx.ingress.kubernetes.io/*` CORS
 * annotations of an Ingress as Traefik reads them — its own parsing and its headers middleware, not ingress-nginx's
 * (docs/reference/controller-versions.md §Traefik's ingress-nginx provider; traefik/traefik
 * pkg/provider/kubernetes/ingress-nginx). Chosen by `controllers.nginx-annotations: traefik`.
 */
import { PROFILES, type ControllerProfile } from './profiles';
import type { AnnotationEntry, EffectivePolicy, FieldRef, IngressNginxTarget, OriginMatcher } from '../types';
import { annotationKey } from './ingressNginx';
import { entryRange, fieldOf, valuesFileStep, type StepContext } from './ingressNginxSteps';
import { ORIGIN_SYNTAX_NEWEST, type CorsSuffix } from './ingressNginxModel';
import { makeMatcher } from './origins';
import type { ControllerVersion } from '../config/controllers';
import { goAtoi } from '../parse/values';
import { q } from '../util/markdown';

/** Traefik's profile, with the settings named and written as the annotations they come from. */
export const TRAEFIK_NGINX_PROFILE: ControllerProfile = {
  ...PROFILES.traefik,
  title: 'Traefik (ingress-nginx annotations)',
  settings: { ...PROFILES['ingress-nginx'].settings },
  values: 'annotation',
  vary: {
    kind: 'never',
    why: "but Traefik's ingress-nginx provider never sets `addVaryHeader`, so no `Vary: Origin` is sent",
    backendAdvice: true,
  },
  addSetting(text, p, field, value) {
    return PROFILES['ingress-nginx'].addSetting.call(this, text, p, field, value);
  },
};

const DEFAULT_METHODS = ['GET', 'PUT', 'POST', 'DELETE', 'PATCH', 'OPTIONS'];
const DEFAULT_HEADERS = [
  'DNT',
  'Keep-Alive',
  'User-Agent',
  'X-Requested-With',
  'If-Modified-Since',
  'Cache-Control',
  'Content-Type',
  'Range',
  'Authorization',
];
const DEFAULT_MAX_AGE = 1728000;

/** Traefik answers `*` with credentials by echoing the request's Origin since v3.6.22 / v3.7.6 (traefik/traefik f9d79007ae). */
export function traefikEchoesStarWithCredentials(v: ControllerVersion): boolean {
  if (v.major !== 3) return v.major > 3;
  if (v.minor === 6) return v.patch >= 22;
  if (v.minor === 7) return v.patch >= 6;
  return v.minor > 7;
}

/** strings.Split on `,` and TrimSpace, empties kept (parseIngressConfig). */
const splitList = (s: string) => s.split(',').map((x) => x.trim());
/** strings.EqualFold(val, "true"): anything else is false. */
const isTrue = (e: AnnotationEntry) => e.value.text.toLowerCase() === 'true';

/** cors-allow-credentials: Traefik defaults it to `true` and reads anything but `true` (any case) as `false`. */
function traefikCredentials(c: StepContext): boolean {
  const credE = c.get('cors-allow-credentials');
  c.fields.credentials = fieldOf(credE);
  const allowCredentials = !credE || isTrue(credE);
  if (!credE) c.notes.push('cors-allow-credentials is not set: Traefik defaults it to `true`.');
  else if (!allowCredentials && credE.value.text.toLowerCase() !== 'false')
    c.notes.push(
      `cors-allow-credentials ${q(credE.value.text)} is not \`true\`: Traefik reads it as \`false\` (ingress-nginx would fall back to \`true\`).`,
    );
  return allowCredentials;
}

export function traefikNginxPolicy(target: IngressNginxTarget, version: ControllerVersion): EffectivePolicy {
  const c: StepContext = {
    target,
    get: (s: CorsSuffix) => target.byKey.get(annotationKey(target, s)),
    validation: false,
    syntax: ORIGIN_SYNTAX_NEWEST,
    notes: [],
    fields: {},
  };
  const name = `Traefik v${version.text}`;
  const enableE = c.get('enable-cors');
  c.fields.enable = fieldOf(enableE);
  const enabled = !!enableE && isTrue(enableE);
  if (!enableE) c.notes.push('enable-cors is not set: Traefik adds no CORS middleware.');
  else if (!enabled) c.notes.push(`enable-cors ${q(enableE.value.text)} is not \`true\` (any case): Traefik adds no CORS middleware.`);

  const allowCredentials = traefikCredentials(c);

  const { origins, writtenOrigins } = traefikOrigins(c, name);
  const echoStar = traefikEchoesStarWithCredentials(version);
  const star = origins.length === 1 && origins[0].kind === 'any';
  const acaoMode: EffectivePolicy['acaoMode'] = star && !(allowCredentials && echoStar) ? 'literal-star' : 'echo';
  if (star && allowCredentials)
    c.notes.push(
      echoStar
        ? `\`*\` with credentials: ${name} echoes the request Origin, so every origin gets credentialed access.`
        : `\`*\` with credentials: ${name} sends \`*\` with \`Access-Control-Allow-Credentials: true\` (echoing starts in v3.6.22 / v3.7.6).`,
    );

  const list = (s: CorsSuffix, key: 'methods' | 'headers' | 'expose', def: string[]) => {
    const e = c.get(s);
    c.fields[key] = fieldOf(e);
    return (e ? splitList(e.value.text) : def).join(',');
  };
  const allowMethods = list('cors-allow-methods', 'methods', DEFAULT_METHODS);
  const allowHeaders = list('cors-allow-headers', 'headers', DEFAULT_HEADERS);
  const exposeHeaders = list('cors-expose-headers', 'expose', []);
  const maxE = c.get('cors-max-age');
  c.fields.maxAge = fieldOf(maxE);
  const parsedMax = maxE ? goAtoi(maxE.value.text) : undefined;
  if (maxE && parsedMax === undefined)
    c.notes.push(`cors-max-age ${q(maxE.value.text)} is not an integer: Traefik sends ${DEFAULT_MAX_AGE}.`);
  const { rendered } = valuesFileStep(c);
  c.notes.push(
    `These annotations are read by ${name}'s \`kubernetesIngressNGINX\` provider (\`controllers.nginx-annotations: traefik\`), not by ingress-nginx.`,
  );
  const fields: EffectivePolicy['fields'] = {};
  for (const [k, f] of Object.entries(c.fields)) if (f) fields[k as keyof typeof fields] = f;
  return {
    controller: 'traefik',
    profile: TRAEFIK_NGINX_PROFILE,
    source: `${target.source} (Traefik kubernetesIngressNGINX provider)`,
    anchor: target.anchor,
    docIndex: target.docIndex,
    enabled: enabled && rendered && origins.length > 0,
    configured: enabled,
    origins,
    writtenOrigins,
    acaoMode,
    allowCredentials,
    allowMethods,
    allowHeaders,
    exposeHeaders,
    maxAge: parsedMax ?? DEFAULT_MAX_AGE,
    varyOrigin: false,
    preflightStatus: 200,
    preflightHeaders: { 'Content-Length': '0' },
    originMatching: 'literal',
    reflectsWildcardWithCredentials: echoStar,
    controllerVersion: version,
    fields,
    notes: c.notes,
    target,
  };
}

/** cors-allow-origin: missing → `*`; else every comma-separated entry, compared with the Origin character for character. */
function traefikOrigins(c: StepContext, name: string): { origins: OriginMatcher[]; writtenOrigins: OriginMatcher[] } {
  const e = c.get('cors-allow-origin');
  const field: FieldRef | undefined = fieldOf(e);
  c.fields.origin = field;
  if (!field) {
    c.notes.push('cors-allow-origin is not set: Traefik allows any origin (`*`).');
    return { origins: [makeMatcher('*', c.target.anchor, 0, undefined, 'any')], writtenOrigins: [] };
  }
  const written: OriginMatcher[] = [];
  let from = 0;
  for (const part of field.value.text.split(',')) {
    const value = part.trim();
    const at = field.value.text.indexOf(value, from);
    from = at + part.length;
    if (value === '') continue;
    const kind = value === '*' ? 'any' : value === 'null' ? 'null' : 'exact';
    written.push(makeMatcher(value, entryRange(field, at, value.length), written.length, field, kind));
    if (kind === 'exact' && value.includes('*'))
      c.notes.push(`${q(value)} is compared literally by ${name} (no wildcard subdomains): it never matches a browser origin.`);
  }
  const star = written.find((w) => w.kind === 'any');
  return { origins: star ? [star] : written, writtenOrigins: written };
}
