import type { Fix, Range, RelatedInfo } from '../types';

/**
 * One authentication step in front of a CORS configuration, in controller-neutral terms (policy/auth.ts fills it
 * for ingress-nginx annotations, Traefik middleware chains and Istio AuthorizationPolicies; other controllers, e.g.
 * Envoy Gateway SecurityPolicy JWT/OIDC, add theirs to the same field). Facts: docs/reference/auth.md.
 */
export interface AuthGate {
  /**
   * What it checks: 'client-certificate' (mutual TLS), 'external' (a call to an auth service: auth-url,
   * forwardAuth, ext_authz), 'basic' / 'digest' (credentials in `Authorization`), 'jwt' (a token or principal
   * required by an authorization policy).
   */
  kind: 'client-certificate' | 'external' | 'basic' | 'digest' | 'jwt';
  /** Where it is configured (the annotation, the middleware reference, the policy's rule): findings go here. */
  range: Range;
  /** Human label of that place: an annotation key, `Middleware/auth in IngressRoute/api`, `AuthorizationPolicy/x`. */
  source: string;
  /**
   * Whether a preflight without credentials gets past it: true when the CORS answer comes first (ingress-nginx's
   * `return 204` runs in the rewrite phase, before the access phase), when it exempts `OPTIONS`, or when it does not
   * require a client certificate (`optional`).
   */
  exemptsPreflight: boolean;
  /** The status a preflight gets when it is not exempt (400 no certificate, 401, 403). */
  preflightStatus?: number;
  /** Why it is (not) exempt, one sentence for messages and `policy` output. */
  why: string;
  /** How to let `OPTIONS` through, one sentence. */
  exemptHow: string;
  /**
   * Where an unauthenticated actual request is redirected instead of getting a 401 (a sign-in page): the browser
   * follows the 302 to another origin whose answer carries no CORS headers, so the app sees a CORS error.
   */
  redirectsTo?: string;
  /** Other places that make the gate (the CORS middleware it precedes, the CORS policy of the same hosts). */
  related?: RelatedInfo[];
  /** The edit that lets `OPTIONS` through, when it can be written (offered on request: it changes what runs first). */
  fix?: Fix;
}
