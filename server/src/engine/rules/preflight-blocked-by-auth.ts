/**
 * preflight-blocked-by-auth: authentication that sees the CORS preflight before the CORS answer does, or that
 * redirects an expired session to a sign-in page. Browsers send a preflight without cookies, `Authorization` or (in
 * Firefox and Safari) a client certificate, so an auth step in front of the CORS answer refuses it.
 *
 * Reads `EffectivePolicy.authGates` (policy/auth.ts), the same for every controller. Facts, verified with real nginx
 * and Chromium where they can run: docs/reference/auth.md.
 */
import type { AuthGate } from '../types';
import { defineRule } from './rule';

const NOUN: Record<AuthGate['kind'], string> = {
  'client-certificate': 'Client-certificate auth',
  external: 'External auth',
  basic: 'Basic auth',
  digest: 'Digest auth',
  jwt: 'JWT authorization',
};

const WHY_BROWSER: Record<AuthGate['kind'], string> = {
  'client-certificate':
    'A preflight is sent without credentials (Fetch standard), and Firefox and Safari send it without a client certificate',
  external: 'A browser sends the preflight without cookies or `Authorization`, so the auth service cannot accept it',
  basic: 'A browser sends the preflight without `Authorization`',
  digest: 'A browser sends the preflight without `Authorization`',
  jwt: 'A browser sends the preflight without `Authorization`, so it carries no token',
};

export default defineRule({
  meta: {
    id: 'preflight-blocked-by-auth',
    defaultSeverity: 'error',
    description:
      'Authentication in front of the CORS answer: a preflight (never sent with credentials) is refused, or an expired session is redirected to a sign-in page without CORS headers.',
    fixable: 'unsafe',
    docs: {
      summary:
        "an auth step sees the preflight before the CORS answer (ingress-nginx `auth-tls-verify-client: on`, `auth-url`/`auth-type` without the controller's CORS, a Traefik auth middleware before the CORS one, an Istio AuthorizationPolicy requiring a JWT), or `auth-signin` redirects an expired session",
      fix: 'Traefik: lists the CORS middleware before the auth middleware',
      severity: '`error`; `warning` for client certificates (browser-dependent) and for the sign-in redirect',
      controllers: 'ingress-nginx, Traefik, Istio',
    },
    messages: {
      preflightBlocked: '{{auth}} refuses the CORS preflight: browsers send it without credentials.',
      signinRedirect: 'An expired session gets a 302 to the sign-in page: the app sees a CORS error, not a 401.',
    },
    kind: 'semantic',
  },
  create(ctx) {
    return {
      target(_t, p) {
        for (const g of p.authGates ?? []) {
          const related = [...(g.related ?? []), { range: p.anchor, message: `the CORS configuration of ${p.source}` }];
          if (!g.exemptsPreflight) {
            const status = g.preflightStatus !== undefined ? String(g.preflightStatus) : 'an error';
            ctx.report({
              range: g.range,
              messageId: 'preflightBlocked',
              data: { auth: NOUN[g.kind] },
              severity: g.kind === 'client-certificate' ? 'warning' : undefined,
              message:
                `${g.why[0].toUpperCase()}${g.why.slice(1)}. ${WHY_BROWSER[g.kind]}: the preflight gets ${status} and the browser never sends the actual ` +
                `request (a PUT, a JSON POST, anything with \`Authorization\` or credentials); the page sees a CORS error. ${g.exemptHow}`,
              related,
              fixes: g.fix ? [g.fix] : [],
            });
          } else if (g.redirectsTo) {
            ctx.report({
              range: g.related?.[0]?.range ?? g.range,
              messageId: 'signinRedirect',
              severity: 'warning',
              message:
                `\`auth-signin\` answers a request without a valid session with a redirect to \`${g.redirectsTo}\`. fetch() follows it to the ` +
                'sign-in origin, whose page carries no CORS headers, so the app gets a network error instead of a 401 it could ' +
                'handle (real nginx and Chromium: docs/reference/auth.md). Keep `auth-signin` on the Ingress of the pages people open, ' +
                'and serve the API called cross-origin from an Ingress (or path) without it: a 401 there carries the CORS headers.',
              related,
            });
          }
        }
      },
    };
  },
});
