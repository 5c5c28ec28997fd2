/**
 * `vcluster-cors verify`: the live answer to the preflight compared with what the file predicts.
 * Pure (no network): predicted vs observed → differences, each with its likely cause.
 *
 * Compared: the status (when the controller is predicted to answer the preflight itself), the CORS headers
 * Access-Control-Allow-Origin/-Credentials/-Methods/-Headers/-Expose-Headers/-Max-Age, and whether `Vary`
 * names `Origin`. Other headers (Content-Type, Server, Date…) belong to nginx or the backend and are ignored.
 */
import type { EffectivePolicy } from '../types';
import type { ResponseStatus } from '../simulate/controller';
import { DEFAULT_HEADERS, DEFAULT_MAX_AGE, DEFAULT_METHODS } from '../policy/ingressNginxModel';
import { q } from '../util/markdown';

/** The CORS headers compared one by one (lower case, in the order they are reported). */
export const VERIFY_CORS_HEADERS = [
  'access-control-allow-origin',
  'access-control-allow-credentials',
  'access-control-allow-methods',
  'access-control-allow-headers',
  'access-control-expose-headers',
  'access-control-max-age',
] as const;
export type VerifyCorsHeader = (typeof VERIFY_CORS_HEADERS)[number];

/** Response headers that `verify` shows and compares (the CORS ones, Vary, and Location for redirects). */
export const VERIFY_SHOWN_HEADERS: readonly string[] = [...VERIFY_CORS_HEADERS, 'vary', 'location'];

export interface PredictedPreflight {
  /** A status the controller answers with itself, or 'backend' (passed through: auth or the app answers). */
  status: ResponseStatus;
  /** Headers as the engine writes them (any case). */
  headers: Record<string, string>;
}

export interface ObservedResponse {
  status: number;
  /** Header name (lower case) → every value received, in order (a header sent twice has two values). */
  headers: Record<string, string[]>;
}

export type VerifyField = 'status' | 'cors-headers' | VerifyCorsHeader | 'vary';

export interface VerifyDifference {
  field: VerifyField;
  /** What the file predicts (null: absent; for 'status' a number as text or `backend`). */
  predicted: string | null;
  /** What the live answer has (null: absent; several values joined with `, `). */
  observed: string | null;
  /** What differs, in one line. */
  message: string;
  /** The likely cause, in plain words. */
  cause: string;
}

export interface VerifyCompareInput {
  policy: EffectivePolicy;
  /** The Origin sent. */
  origin: string;
  predicted: PredictedPreflight;
  observed: ObservedResponse;
}

const HEADER_NAMES: Record<VerifyCorsHeader, string> = {
  'access-control-allow-origin': 'Access-Control-Allow-Origin',
  'access-control-allow-credentials': 'Access-Control-Allow-Credentials',
  'access-control-allow-methods': 'Access-Control-Allow-Methods',
  'access-control-allow-headers': 'Access-Control-Allow-Headers',
  'access-control-expose-headers': 'Access-Control-Expose-Headers',
  'access-control-max-age': 'Access-Control-Max-Age',
};

const ANNOTATIONS: Record<VerifyCorsHeader, string> = {
  'access-control-allow-origin': 'cors-allow-origin',
  'access-control-allow-credentials': 'cors-allow-credentials',
  'access-control-allow-methods': 'cors-allow-methods',
  'access-control-allow-headers': 'cors-allow-headers',
  'access-control-expose-headers': 'cors-expose-headers',
  'access-control-max-age': 'cors-max-age',
};

const DEFAULTS: Partial<Record<VerifyCorsHeader, string>> = {
  'access-control-allow-methods': DEFAULT_METHODS,
  'access-control-allow-headers': DEFAULT_HEADERS,
  'access-control-max-age': String(DEFAULT_MAX_AGE),
};

const HELM = 'has `helm upgrade` run with this file?';
const REUSE = 'With `helm upgrade --reuse-values`, an annotation removed from the file stays on the live Ingress until it is set to `null`';
const NO_CORS_CAUSE =
  'no CORS headers at all: is the controller ingress-nginx, is `enable-cors` set, did the Ingress get rendered (ingress.enabled)?';

function lowerHeaders(h: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) out[k.toLowerCase()] = v;
  return out;
}

function varyHasOrigin(values: readonly string[] | undefined): boolean {
  return (values ?? []).some((v) => v.split(',').some((t) => t.trim().toLowerCase() === 'origin' || t.trim() === '*'));
}

function statusCause(observed: ObservedResponse, observedCors: boolean, predicted: number, nginx: boolean): string {
  const s = observed.status;
  if (s >= 300 && s < 400) {
    const loc = observed.headers['location']?.[0];
    return `the preflight was redirected${loc ? ` to ${q(loc)}` : ''}, and browsers fail a preflight that gets a redirect: check the URL (http instead of https? another path?) and that ingress.host is the name the Platform is reached by`;
  }
  if (s === 401 || s === 403) {
    return observedCors
      ? `status ${s} with CORS headers: something in front of the Platform authenticates the preflight before CORS is handled`
      : `status ${s}: the preflight reached authentication — the origin is not allowed by the live config`;
  }
  if (s === 404 || s === 405) {
    return observedCors
      ? `status ${s}: the Platform answered the OPTIONS request itself`
      : `status ${s}: the preflight reached the Platform instead of being answered by ${nginx ? 'ingress-nginx' : 'the controller'} — the origin is not allowed by the live config, or CORS is off there`;
  }
  if (s === 421)
    return 'status 421 (Misdirected Request): the controller has no Ingress for this host name; check the URL and ingress.host';
  if (s >= 500)
    return `status ${s}: the controller or the Platform behind it is failing (is the Platform running? does the Ingress point at the right service?)`;
  if (s >= 200 && s < 300) {
    return observedCors
      ? `status ${s} instead of ${predicted}: the preflight is answered by something else than ${nginx ? "ingress-nginx's CORS block (another controller, a proxy or CDN in front?)" : 'the controller the file configures'}`
      : `status ${s} without CORS headers: something answered the preflight without applying CORS (another controller, a proxy or CDN in front?)`;
  }
  return `the live answer has status ${s}, the file predicts ${predicted}`;
}

function liveOnlyCause(policy: EffectivePolicy, origin: string): string {
  if (!policy.configured) return `the live Ingress still has CORS switched on, the file does not: ${HELM} ${REUSE}.`;
  if (!policy.enabled) {
    if (policy.origins.length === 0)
      return `the live Ingress still allows ${q(origin)}, while no origin is left in the file's cors-allow-origin: ${HELM}`;
    return `the live Ingress sends CORS headers, while the file renders no Ingress (ingress.enabled): is the live Ingress from an older release, or created outside the chart?`;
  }
  return `the live config allows ${q(origin)}, the file does not: the live Ingress has other annotations — ${HELM}`;
}

function headerCause(h: VerifyCorsHeader, p: string | undefined, o: string | undefined, input: VerifyCompareInput, nginx: boolean): string {
  const { origin } = input;
  const ann = ANNOTATIONS[h];
  const def = DEFAULTS[h];
  if (!nginx) return `the live configuration differs from the file (${HEADER_NAMES[h]}): has the file been applied?`;
  switch (h) {
    case 'access-control-allow-origin':
      if (o === '*' && p !== undefined) {
        return 'the live ingress still sends `*`: has `helm upgrade` run? (ingress-nginx sends `*` when cors-allow-origin is missing or `*`, or after a fallback from a value it cannot use)';
      }
      if (p === '*' && o !== undefined && o.toLowerCase() === origin.toLowerCase()) {
        return `the live Ingress echoes the origin (a list of origins), while the file allows any origin (\`*\`): the live Ingress has other annotations — ${HELM}`;
      }
      if (o === undefined)
        return 'the live answer has other CORS headers but no Access-Control-Allow-Origin: a proxy or CDN in front may strip it';
      return `ingress-nginx sends ${p === '*' ? '`*`' : "the request's Origin"}, so something else (a proxy, CDN or the backend) sets ${q(o)}`;
    case 'access-control-allow-credentials':
      if (o === 'true' && p === undefined) {
        return `the live Ingress still allows credentials: the file sets cors-allow-credentials to \`false\`, the live Ingress does not (ingress-nginx's default is \`true\`) — ${HELM}`;
      }
      if (o === undefined && p === 'true') {
        return `the live Ingress has cors-allow-credentials \`false\`, while the file allows credentials (explicitly or by ingress-nginx's default \`true\`) — ${HELM} ${REUSE}.`;
      }
      return `ingress-nginx only ever sends \`true\`, so something else (a proxy, CDN or the backend) sets ${q(o ?? '')}`;
    default: {
      if (o !== undefined && p !== undefined) {
        const dflt =
          def !== undefined && o === def && p !== def
            ? ` (the live value is ingress-nginx's default: the live Ingress has no ${ann}, or one the controller does not accept)`
            : '';
        const older = def !== undefined && p === def && o !== def ? ` ${REUSE}.` : '';
        if (h === 'access-control-max-age')
          return `max-age ${o} live vs ${p} in the file: the live Ingress has older annotations${dflt} — ${HELM}${older}`;
        return `the live Ingress has another ${ann} than the file${dflt} — ${HELM}${older}`;
      }
      if (o !== undefined)
        return `the live Ingress sends ${ann} ${q(o)}, the file sets none: the live Ingress has older annotations — ${HELM} ${REUSE}.`;
      return `the file sets ${ann} ${q(p ?? '')}, the live Ingress sends none: the live Ingress has older annotations — ${HELM}`;
    }
  }
}

function show(v: string | undefined): string {
  return v === undefined ? 'absent' : q(v);
}

/** Differences between the live answer and the file's prediction (empty: they agree). */
export function compareVerify(input: VerifyCompareInput): VerifyDifference[] {
  const { policy, predicted, observed } = input;
  // The causes name ingress-nginx's template and the chart's annotations when the controller is ingress-nginx.
  const nginx = policy.profile.responder === 'nginx-template';
  const pred = lowerHeaders(predicted.headers);
  const obs = observed.headers;
  const predCors = VERIFY_CORS_HEADERS.filter((h) => pred[h] !== undefined);
  const obsCors = VERIFY_CORS_HEADERS.filter((h) => obs[h] !== undefined && obs[h].length > 0);
  const out: VerifyDifference[] = [];

  if (typeof predicted.status === 'number' && observed.status !== predicted.status) {
    out.push({
      field: 'status',
      predicted: String(predicted.status),
      observed: String(observed.status),
      message: `status ${observed.status} live vs ${predicted.status} predicted from the file`,
      cause: statusCause(observed, obsCors.length > 0, predicted.status, nginx),
    });
  }

  if (predCors.length > 0 && obsCors.length === 0) {
    out.push({
      field: 'cors-headers',
      predicted: predCors.map((h) => `${HEADER_NAMES[h]}: ${pred[h]}`).join('\n'),
      observed: null,
      message: `no CORS headers live; the file predicts ${predCors.map((h) => HEADER_NAMES[h]).join(', ')}`,
      cause: nginx
        ? `${NO_CORS_CAUSE} Or the live cors-allow-origin does not include ${q(input.origin)} — ${HELM}`
        : `no CORS headers at all: is the controller the one the file configures, and has the file been applied?`,
    });
    return out;
  }
  if (predCors.length === 0 && obsCors.length > 0) {
    out.push({
      field: 'cors-headers',
      predicted: null,
      observed: obsCors.map((h) => `${HEADER_NAMES[h]}: ${obs[h].join(', ')}`).join('\n'),
      message: `the live answer has CORS headers (${obsCors.map((h) => HEADER_NAMES[h]).join(', ')}); the file predicts none for ${q(input.origin)}`,
      cause: nginx ? liveOnlyCause(policy, input.origin) : 'the live configuration differs from the file: has the file been applied?',
    });
    return out;
  }
  if (predCors.length === 0) return out;

  out.push(...headerDifferences(input, pred, obs, nginx));

  const pVary = varyHasOrigin(pred['vary'] === undefined ? undefined : [pred['vary']]);
  const oVary = varyHasOrigin(obs['vary']);
  if (pVary !== oVary) {
    out.push({
      field: 'vary',
      predicted: pred['vary'] ?? null,
      observed: obs['vary'] ? obs['vary'].join(', ') : null,
      message: oVary ? '`Vary: Origin` live, not predicted from the file' : '`Vary: Origin` predicted from the file, not sent live',
      cause: oVary
        ? nginx
          ? 'ingress-nginx never sends `Vary: Origin`: a newer controller, a proxy or CDN in front, or a configuration snippet adds it (harmless, and it keeps shared caches correct)'
          : 'something else (a proxy, CDN or the backend) adds it, or the live configuration differs from the file'
        : 'the live configuration does not add `Vary: Origin`: has the file been applied?',
    });
  }
  return out;
}

/** Each CORS header that differs between the prediction and the live answer (or is sent more than once live). */
function headerDifferences(
  input: VerifyCompareInput,
  pred: Record<string, string>,
  obs: ObservedResponse['headers'],
  nginx: boolean,
): VerifyDifference[] {
  const out: VerifyDifference[] = [];
  for (const h of VERIFY_CORS_HEADERS) {
    const p = pred[h];
    const values = obs[h] ?? [];
    if (values.length > 1) {
      out.push({
        field: h,
        predicted: p ?? null,
        observed: values.join(', '),
        message: `${HEADER_NAMES[h]} is sent ${values.length} times live (${values.map(q).join(', ')})`,
        cause:
          h === 'access-control-allow-origin'
            ? 'something besides the controller (the backend, a proxy or CDN) adds it too, and browsers reject a response with more than one Access-Control-Allow-Origin'
            : 'something besides the controller (the backend, a proxy or CDN) adds it too; browsers read the values as one comma-separated list',
      });
      continue;
    }
    const o = values[0];
    if (o === p) continue;
    out.push({
      field: h,
      predicted: p ?? null,
      observed: o ?? null,
      message: `${HEADER_NAMES[h]}: ${show(o)} live vs ${show(p)} in the file`,
      cause: headerCause(h, p, o, input, nginx),
    });
  }
  return out;
}
