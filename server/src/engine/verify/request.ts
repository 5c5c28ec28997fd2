/**
 * The preflight `vcluster-cors verify` sends (the verify step of the vCluster Platform CORS guide,
 * docs/reference/vcluster-platform-chart.md) and what the file predicts for it. Pure: no network.
 */
import type { EffectivePolicy } from '../types';
import { simulate, type SimulationResult } from '../simulate/simulate';
import type { ResponseStatus } from '../simulate/controller';

/** The path the guide's `curl -X OPTIONS` check uses. */
export const VERIFY_PATH = '/kubernetes/management/apis';

/** Request headers of the preflight, in the order they are sent (no Cookie, no Authorization: never credentials). */
export function verifyRequestHeaders(origin: string): Record<string, string> {
  return {
    Origin: origin,
    'Access-Control-Request-Method': 'GET',
    'Access-Control-Request-Headers': 'authorization',
  };
}

/** `https://<ingress.host>/kubernetes/management/apis`, or undefined when the file has no usable ingress.host. */
export function defaultVerifyUrl(policy: EffectivePolicy): string | undefined {
  if (policy.target.kind !== 'ingress-nginx' || !policy.target.host) return undefined;
  const host = policy.target.host.value.trim();
  if (host === '' || /[\s/@?#]/.test(host) || host.includes('*')) return undefined;
  try {
    return new URL(`https://${host}${VERIFY_PATH}`).toString();
  } catch {
    return undefined;
  }
}

export type DefaultOrigin = { origin: string; note?: string } | { origin?: undefined; why: string };

/**
 * The Origin to send when none is given: the first origin the policy allows, made concrete
 * (`https://*.example.com` → `https://app.example.com`). None when the policy allows any origin (`*`:
 * every origin passes, so the check would prove nothing about the page's own origin) or no origin at all.
 */
export function defaultVerifyOrigin(policy: EffectivePolicy): DefaultOrigin {
  if (policy.origins.length === 0) return { why: 'the file allows no origin' };
  const first = policy.origins[0];
  if (first.kind === 'any') return { why: 'the file allows any origin (`*`)' };
  const v = first.value;
  if (first.kind === 'regex' || first.kind === 'prefix') {
    return { why: `the first allowed origin \`${v}\` is a ${first.kind === 'regex' ? 'regular expression' : 'prefix'}, not an origin` };
  }
  if (first.kind === 'wildcard-subdomain' || v.includes('*')) {
    const concrete = v.replace('*', 'app');
    return { origin: concrete, note: `\`${v}\` is a wildcard, so \`${concrete}\` is sent` };
  }
  return { origin: v };
}

export interface VerifyPrediction {
  /** What the controller answers the preflight with according to the file (status 'backend': passed through). */
  status: ResponseStatus;
  headers: Record<string, string>;
  /** The whole simulation of a credentialed GET with Authorization from the origin, for context. */
  simulation: SimulationResult;
}

/**
 * What the file predicts for the verify preflight: the preflight of a credentialed `fetch(url, {headers:
 * {Authorization}})` from `origin`, which is exactly OPTIONS + Access-Control-Request-Method: GET +
 * Access-Control-Request-Headers: authorization.
 */
export function predictVerifyPreflight(policy: EffectivePolicy, origin: string): VerifyPrediction {
  const simulation = simulate(policy, { origin, method: 'GET', headers: ['Authorization'], credentials: true });
  const pre = simulation.preflightResponse ?? { status: 'backend' as const, headers: {} };
  return { status: pre.status, headers: pre.headers, simulation };
}
