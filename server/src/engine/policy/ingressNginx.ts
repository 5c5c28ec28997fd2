/**
 * Step 3 (ingress-nginx): the effective CORS policy of an Ingress — exactly what the controller will
 * send after its defaults and silent fallbacks, with a note for every value it does not use as written.
 * One step per annotation (policy/ingressNginxSteps.ts); this module puts them together.
 */
import { PROFILES } from './profiles';
import type { EffectivePolicy, IngressNginxTarget } from '../types';
import {
  DEFAULT_HEADERS,
  DEFAULT_METHODS,
  matchesExposeRegex,
  matchesHeadersRegex,
  matchesHeadersRegexBefore19,
  matchesMethodsRegex,
  ORIGIN_SYNTAX_NEWEST,
  type OriginSyntax,
  type CorsSuffix,
  type OriginOutcome,
  type StepResult,
} from './ingressNginxModel';
import { credentialsStep, enableStep, listStep, maxAgeStep, originStep, valuesFileStep, type StepContext } from './ingressNginxSteps';

import { atLeast, type ControllerVersion } from '../config/controllers';

export { entryRange } from './ingressNginxSteps';

export interface IngressNginxOptions {
  /** --enable-annotation-validation (default on since controller v1.12). */
  annotationValidation: boolean;
  /** The controller version (default: the newest modelled). */
  version?: ControllerVersion;
}

/** How a controller version parses cors-allow-origin (docs/reference/controller-versions.md). */
export function originSyntaxOf(v: ControllerVersion | undefined): OriginSyntax {
  if (!v) return ORIGIN_SYNTAX_NEWEST;
  // One per version (the syntax objects are never changed).
  let s = originSyntaxes.get(v.text);
  if (!s) {
    if (originSyntaxes.size > 100) originSyntaxes.clear();
    s = {
      version: `v${v.text}`,
      list: atLeast(v, '1.0.5'),
      anyScheme: atLeast(v, '1.12.0'),
      nullOrigin: atLeast(v, '1.13.0'),
      skipsEmpty: atLeast(v, '1.9.5'),
    };
    originSyntaxes.set(v.text, s);
  }
  return s;
}
const originSyntaxes = new Map<string, OriginSyntax>();

export interface IngressNginxDetails {
  origin: OriginOutcome;
  enable?: StepResult<boolean>;
  credentials?: StepResult<boolean>;
  methods?: StepResult<string>;
  headers?: StepResult<string>;
  expose?: StepResult<string>;
  maxAge?: StepResult<number>;
}

/** The step-by-step outcome behind a policy (for rules that explain a fallback). */
export function ingressNginxDetails(p: EffectivePolicy): IngressNginxDetails | undefined {
  // Kept on the policy object itself: a WeakMap entry per lint is costly for the garbage collector.
  return (p as { nginxDetails?: IngressNginxDetails }).nginxDetails;
}

/** `prefix/suffix` for a CORS suffix or any other annotation name (the auth and snippet keys). */
export function annotationKey(target: IngressNginxTarget, suffix: CorsSuffix | (string & {})): string {
  // Built once per prefix and suffix (the policy reads every CORS key of every target; a key built anew would
  // be hashed anew by every lookup).
  let byPrefix = annotationKeys.get(target.prefix);
  if (!byPrefix) {
    if (annotationKeys.size > 100) annotationKeys.clear();
    annotationKeys.set(target.prefix, (byPrefix = new Map<string, string>()));
  }
  let key = byPrefix.get(suffix);
  if (key === undefined) byPrefix.set(suffix, (key = `${target.prefix}/${suffix}`));
  return key;
}
const annotationKeys = new Map<string, Map<string, string>>();

export function ingressNginxPolicy(target: IngressNginxTarget, opts: IngressNginxOptions): EffectivePolicy {
  const c: StepContext = {
    target,
    get: (s) => target.byKey.get(annotationKey(target, s)),
    // Annotation validation exists since v1.9.0 (docs/reference/controller-versions.md).
    validation: opts.annotationValidation && (!opts.version || atLeast(opts.version, '1.9.0')),
    syntax: originSyntaxOf(opts.version),
    notes: [],
    fields: {},
  };
  const enable = enableStep(c);
  const origin = originStep(c);
  const credentials = credentialsStep(c);
  const m = listStep(
    c,
    'cors-allow-methods',
    'methods',
    DEFAULT_METHODS,
    matchesMethodsRegex,
    `the default methods \`${DEFAULT_METHODS}\` are sent`,
  );
  const headersRe = !opts.version || atLeast(opts.version, '1.9.0') ? matchesHeadersRegex : matchesHeadersRegexBefore19;
  const h = listStep(c, 'cors-allow-headers', 'headers', DEFAULT_HEADERS, headersRe, 'the default header list is sent');
  const x = listStep(c, 'cors-expose-headers', 'expose', '', matchesExposeRegex, 'no header is exposed');
  const maxAge = maxAgeStep(c);
  const { rendered } = valuesFileStep(c);
  const enabled = enable.enabled;
  if (origin.anyOrigin && enabled)
    c.notes.push('ingress-nginx sends `Access-Control-Allow-Origin: *` on every response, even without an Origin header.');
  else if (enabled && origin.origins.length > 0)
    c.notes.push('ingress-nginx echoes the request Origin when it matches, without `Vary: Origin`.');

  const details: IngressNginxDetails = {
    origin: origin.outcome,
    enable: enable.result,
    credentials: credentials.result,
    methods: m.result,
    headers: h.result,
    expose: x.result,
    maxAge: maxAge.result,
  };
  const policy: EffectivePolicy = {
    controller: 'ingress-nginx',
    profile: PROFILES['ingress-nginx'],
    source: target.source,
    anchor: target.anchor,
    docIndex: target.docIndex,
    enabled: enabled && rendered && origin.origins.length > 0,
    configured: enabled,
    origins: origin.origins,
    writtenOrigins: origin.writtenOrigins,
    acaoMode: origin.anyOrigin ? 'literal-star' : 'echo',
    ...(opts.version ? { controllerVersion: opts.version } : {}),
    allowCredentials: credentials.value,
    allowMethods: m.value,
    allowHeaders: h.value,
    exposeHeaders: x.value,
    maxAge: maxAge.value,
    varyOrigin: false,
    preflightStatus: 204,
    fields: c.fields,
    notes: c.notes,
    target,
  };
  const fellBack = fellBackOf(details);
  if (fellBack) policy.fellBack = fellBack;
  if (target.host)
    policy.servedHost = {
      written: target.host.value,
      range: target.host.range,
      label: target.values ? 'ingress.host' : 'the Ingress host',
    };
  Object.defineProperty(policy, 'nginxDetails', { enumerable: false, value: details });
  return policy;
}

/** The fields whose written value ingress-nginx replaced by its default. */
function fellBackOf(d: IngressNginxDetails): EffectivePolicy['fellBack'] {
  const out: NonNullable<EffectivePolicy['fellBack']> = {};
  if (d.enable && !d.enable.accepted) out.enable = true;
  if (d.credentials && !d.credentials.accepted) out.credentials = true;
  if (d.methods && !d.methods.accepted) out.methods = true;
  if (d.headers && !d.headers.accepted) out.headers = true;
  if (d.expose && !d.expose.accepted) out.expose = true;
  if (d.maxAge && !d.maxAge.accepted) out.maxAge = true;
  if (d.origin.mode === 'whole-invalid') out.origin = true;
  return Object.keys(out).length ? out : undefined;
}
