/**
 * `controllers:` of `.vcluster-cors.yaml` (and the `vclusterCors.controllers` editor setting): which version of
 * each controller the files are deployed to, and which controller reads the `nginx.ingress.kubernetes.io/*`
 * annotations. Pure (no fs): config.ts only passes the setting through; the policy step reads the versions from
 * here. The behaviour that changes with each version: docs/reference/controller-versions.md.
 */
import type { Controller } from '../types';

/** A controller version, as the policy step and the rules see it. */
export interface ControllerVersion {
  /** `1.8.1`: the numbers as understood (a missing patch is 0). */
  text: string;
  major: number;
  minor: number;
  patch: number;
  /** True when no setting names it: the newest version the model knows is assumed. */
  assumed: boolean;
}

/** Which controller reads the ingress-nginx annotations: ingress-nginx itself, or Traefik's `kubernetesIngressNGINX` provider. */
export type NginxAnnotationsReader = 'ingress-nginx' | 'traefik';

/** What a config file (or the editor setting) writes under `controllers:`. */
export interface ControllerSettings {
  'ingress-nginx'?: string;
  istio?: string;
  traefik?: string;
  'gateway-api'?: string;
  'nginx-annotations'?: NginxAnnotationsReader;
}

/** The newest release of each controller the model describes (the default). */
/** The controllers whose version changes the model (the others are modelled at their newest release only). */
export type VersionedController = 'ingress-nginx' | 'istio' | 'traefik' | 'gateway-api';

export const NEWEST: Readonly<Record<VersionedController, string>> = {
  'ingress-nginx': '1.15.1',
  istio: '1.30.0',
  traefik: '3.7.9',
  'gateway-api': '1.6.1',
};

/** The oldest release the model describes (older ones are a config problem). */
export const OLDEST: Readonly<Record<VersionedController, string>> = {
  'ingress-nginx': '1.0.0',
  istio: '1.5.0',
  traefik: '2.0.0',
  'gateway-api': '1.0.0',
};

const VERSION = /^v?(\d{1,4})\.(\d{1,4})(?:\.(\d{1,4}))?$/;
const KEYS = ['ingress-nginx', 'istio', 'traefik', 'gateway-api'] as const;

export function parseVersion(text: string, assumed = false): ControllerVersion | undefined {
  const m = VERSION.exec(text.trim());
  if (!m) return undefined;
  const major = Number(m[1]);
  const minor = Number(m[2]);
  const patch = m[3] === undefined ? 0 : Number(m[3]);
  return { text: `${major}.${minor}.${patch}`, major, minor, patch, assumed };
}

const minimums = new Map<string, ControllerVersion>();

/** `v` is at least `min` (`1.9.5`). */
export function atLeast(v: ControllerVersion, min: string): boolean {
  // `min` is one of the code's version constants: parsed once each.
  let m = minimums.get(min);
  if (!m) minimums.set(min, (m = parseVersion(min)!));
  if (v.major !== m.major) return v.major > m.major;
  if (v.minor !== m.minor) return v.minor > m.minor;
  return v.patch >= m.patch;
}

const newestParsed = new Map<VersionedController, Readonly<ControllerVersion>>();
/** The newest modelled version of a controller (parsed once; the objects are never changed). */
function newest(controller: VersionedController): ControllerVersion {
  let v = newestParsed.get(controller);
  if (!v) newestParsed.set(controller, (v = Object.freeze(parseVersion(NEWEST[controller], true)!)));
  return v;
}

/** The version of a controller the settings assume (the newest modelled when none is written). */
export function controllerVersion(settings: ControllerSettings | undefined, controller: VersionedController): ControllerVersion {
  const written = settings?.[controller];
  return (written !== undefined ? parseVersion(written) : undefined) ?? newest(controller);
}

/** The assumed version of any controller: undefined for one modelled at its newest release only. */
export function versionOf(settings: ControllerSettings | undefined, controller: Controller): ControllerVersion | undefined {
  return controller in NEWEST ? controllerVersion(settings, controller as VersionedController) : undefined;
}

/** How a message names the assumed version: `ingress-nginx v1.8.1`, or `ingress-nginx v1.15.1 (newest modelled)`. */
export function versionLabel(name: string, v: ControllerVersion): string {
  return `${name} v${v.text}${v.assumed ? ' (the newest modelled; set `controllers:` in .vcluster-cors.yaml)' : ''}`;
}

/** Defaults of the ingress-nginx controller that decide what annotations do, by version (controller-versions.md). */
export interface IngressNginxDefaults {
  /** `--enable-annotation-validation` (default on since v1.12.0). */
  annotationValidation: boolean;
  /** ConfigMap `allow-snippet-annotations` (default false since v1.9.0). */
  allowSnippetAnnotations: boolean;
  /** ConfigMap `annotations-risk-level` (introduced in v1.9.0 with `Critical`; default `High` since v1.12.0). */
  annotationsRiskLevel: 'Critical' | 'High';
}

export function ingressNginxDefaults(v: ControllerVersion): IngressNginxDefaults {
  return {
    annotationValidation: atLeast(v, '1.12.0'),
    allowSnippetAnnotations: !atLeast(v, '1.9.0'),
    annotationsRiskLevel: atLeast(v, '1.12.0') ? 'High' : 'Critical',
  };
}

/** Reads the validated `controllers` value of one config file (or the editor setting; invalid entries are dropped). */
export function readControllers(value: unknown): ControllerSettings | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const v = value as Record<string, unknown>;
  const out: ControllerSettings = {};
  for (const k of KEYS) {
    const s = v[k];
    if (typeof s === 'string' && parseVersion(s) && !controllerVersionProblem(k, s)) out[k] = s;
  }
  const reader = v['nginx-annotations'];
  if (reader === 'ingress-nginx' || reader === 'traefik') out['nginx-annotations'] = reader;
  return out;
}

/** Nearer settings override farther ones key by key. */
export function mergeControllers(
  base: ControllerSettings | undefined,
  over: ControllerSettings | undefined,
): ControllerSettings | undefined {
  if (!over) return base;
  return { ...base, ...over };
}

/** Why a written version cannot be used (undefined when it is fine). */
export function controllerVersionProblem(key: VersionedController, text: string): string | undefined {
  const v = parseVersion(text);
  if (!v) return `\`controllers.${key}\` must be a version such as \`"${NEWEST[key].replace(/\.0$/, '')}"\` (got \`${text}\`)`;
  if (!atLeast(v, OLDEST[key])) return `\`controllers.${key}\`: versions before ${OLDEST[key]} are not modelled (got \`${text}\`)`;
  return undefined;
}

/** Problems the schema cannot express, as [path segments, message]. */
export function controllersProblems(value: unknown): [string[], string][] {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return [];
  const v = value as Record<string, unknown>;
  const out: [string[], string][] = [];
  for (const k of KEYS) {
    const s = v[k];
    const problem = typeof s === 'string' && VERSION.test(s.trim()) ? controllerVersionProblem(k, s) : undefined;
    if (problem) out.push([['controllers', k], problem]);
  }
  const traefik = typeof v.traefik === 'string' ? parseVersion(v.traefik) : undefined;
  if (v['nginx-annotations'] === 'traefik' && traefik && !atLeast(traefik, '3.5.0')) {
    out.push([
      ['controllers', 'nginx-annotations'],
      `Traefik reads ingress-nginx annotations since v3.5.0 (its \`kubernetesIngressNGINX\` provider); \`controllers.traefik\` is ${traefik.text}`,
    ]);
  }
  return out;
}

/** The schema message for a `controllers` value of the wrong type or form (undefined: the generic one applies). */
export function controllersSchemaMessage(segments: string[], keyword: string, got: string, value: unknown): string | undefined {
  if (segments.length === 1)
    return keyword === 'type' ? `\`controllers\` must be a mapping of controller to version (got ${got})` : undefined;
  const key = segments[1];
  if (key === 'nginx-annotations') return `\`controllers.nginx-annotations\` must be \`ingress-nginx\` or \`traefik\` (got ${got})`;
  const example = NEWEST[key as VersionedController]?.replace(/\.0$/, '') ?? '1.0';
  if (typeof value === 'number')
    return `\`controllers.${key}\` must be a quoted version such as \`"${example}"\`: YAML reads ${got} as a number (1.10 becomes 1.1)`;
  return `\`controllers.${key}\` must be a version such as \`"${example}"\` (got ${got})`;
}

/**
 * The config with the controller settings applied: `annotationValidation` follows the ingress-nginx version unless
 * a config file sets it. Used by config resolution and by the editor's settings overlay.
 */
export function withControllerDefaults<
  T extends { annotationValidation: boolean; annotationValidationSet?: boolean; controllers?: ControllerSettings },
>(config: T): T {
  if (config.annotationValidationSet || !config.controllers?.['ingress-nginx']) return config;
  const annotationValidation = ingressNginxDefaults(controllerVersion(config.controllers, 'ingress-nginx')).annotationValidation;
  return annotationValidation === config.annotationValidation ? config : { ...config, annotationValidation };
}
