/**
 * Step 3b: the authentication in front of each CORS policy (`EffectivePolicy.authGates`), read from the whole
 * file: ingress-nginx auth annotations on the same Ingress, Traefik auth middlewares listed before the CORS
 * middleware of a router, Istio AuthorizationPolicies that require a JWT on the hosts of a corsPolicy.
 * Facts (nginx phases, verified with real nginx; Traefik's middleware order; Istio's JWT filter and RBAC):
 * docs/reference/auth.md.
 */
import type { AuthGate, EffectivePolicy, Fix, IngressNginxTarget, ParsedFile, Target } from '../types';
import { fix, replace } from '../fix/edits';
import {
  resolveRef,
  traefikWiring,
  TRAEFIK_AUTH,
  type TraefikMiddlewareRef,
  type TraefikRouter,
  type TraefikWiring,
} from '../targets/traefikRouters';
import { annotationKey, ingressNginxDetails } from './ingressNginx';
import type { HandCondition } from './handwritten/types';
import { istioAuthGates, readAuthzPolicies, type AuthzPolicy } from './authIstio';

/** Fills `authGates` of the policies of one file (policies[i] belongs to targets[i]). */
export function attachAuthGates(parsed: ParsedFile, targets: Target[], policies: EffectivePolicy[]): void {
  let wiring: TraefikWiring | undefined;
  let authz: AuthzPolicy[] | undefined;
  targets.forEach((t, i) => {
    const p = policies[i];
    let gates: AuthGate[] = [];
    if (t.kind === 'ingress-nginx') gates = nginxAuthGates(t, p);
    else if (t.kind === 'traefik') gates = traefikAuthGates((wiring ??= traefikWiring(parsed.text, parsed.docs)), t.name, t.namespace);
    else if (t.kind === 'istio') gates = istioAuthGates(parsed, t, (authz ??= readAuthzPolicies(parsed)));
    if (gates.length > 0) p.authGates = gates;
  });
}

/* ------------------------------------------------------------------ ingress-nginx */

/** Hand-written CORS headers in a snippet, and whether the snippet answers OPTIONS itself (a rewrite-phase `return`). */
export function snippetCors(p: EffectivePolicy): { answersPreflight: boolean } | undefined {
  const hw = p.handwritten;
  if (!hw?.headers.some((h) => h.name.toLowerCase() === 'access-control-allow-origin')) return undefined;
  const onOptions = (c: HandCondition) => c.variable === 'method' && c.op === '=' && c.value.toUpperCase() === 'OPTIONS';
  return { answersPreflight: hw.returns.some((r) => (r.status === 204 || r.status === 200) && r.conditions.some(onOptions)) };
}

const NGINX_ORDER =
  "ingress-nginx renders the CORS block's `return 204` for OPTIONS in the rewrite phase, which nginx runs before the access phase (`auth_request`, `auth_basic`)";

function nginxAuthGates(t: IngressNginxTarget, p: EffectivePolicy): AuthGate[] {
  const get = (s: string) => t.byKey.get(annotationKey(t, s));
  const manual = snippetCors(p);
  // ingress-nginx's own CORS block (enable-cors), not CORS headers from elsewhere (a snippet).
  const d = ingressNginxDetails(p);
  const nativeOn = d ? d.enable?.value === true : p.configured;
  const nativeAnswers = nativeOn && (d ? d.origin.origins.length > 0 : p.enabled);
  // Only where CORS is expected: the controller's own (enable-cors) or hand-written headers in a snippet.
  if (!nativeOn && !manual) return [];
  const answered = nativeAnswers || !!manual?.answersPreflight;
  const why = (gate: string) =>
    answered
      ? nativeAnswers
        ? `${NGINX_ORDER}, so ${gate} never sees the preflight`
        : `the snippet answers OPTIONS with a rewrite-phase \`return\`, before ${gate} (access phase)`
      : nativeOn
        ? `the CORS block answers no preflight here (no origin is left), so OPTIONS reaches ${gate}`
        : `the CORS headers are hand-written in a snippet that does not answer OPTIONS itself, so the preflight reaches ${gate}`;
  const exemptOptions =
    'Answer OPTIONS before authentication: `enable-cors: "true"` with the allowed origins (ingress-nginx\'s 204 runs before auth), or `if ($request_method = OPTIONS) { return 204; }` in the snippet.';
  const gates: AuthGate[] = [];
  const tls = get('auth-tls-secret');
  if (tls && tls.value.text.trim() !== '') {
    const vc = get('auth-tls-verify-client');
    const v = vc && /^(on|off|optional|optional_no_ca)$/.test(vc.value.text) ? vc.value.text : 'on';
    if (v !== 'off') {
      const on = v === 'on';
      gates.push({
        kind: 'client-certificate',
        range: (vc ?? tls).value.range,
        source: `\`${(vc ?? tls).key.slice(t.prefix.length + 1)}\``,
        exemptsPreflight: !on,
        preflightStatus: on ? 400 : undefined,
        why: on
          ? `\`auth-tls-verify-client\` is \`on\`${vc ? '' : ' (its default once `auth-tls-secret` is set)'}: nginx answers a request without a valid client certificate with 400 before any location runs, CORS included`
          : `\`auth-tls-verify-client: ${v}\` lets a request without a certificate through to the CORS answer`,
        exemptHow:
          'Set `auth-tls-verify-client: "optional"` (or `optional_no_ca`) with `auth-tls-pass-certificate-to-upstream: "true"`, and let the backend refuse requests whose certificate is missing or unverified.',
      });
    }
  }
  const url = get('auth-url');
  if (url && url.value.text.trim() !== '') {
    const signin = get('auth-signin');
    const to = signin && signin.value.text.trim() !== '' ? signin.value.text.trim() : undefined;
    gates.push({
      kind: 'external',
      range: url.value.range,
      source: '`auth-url`',
      exemptsPreflight: answered,
      preflightStatus: answered ? undefined : to ? 302 : 401,
      why: why('`auth-url`'),
      exemptHow: exemptOptions,
      redirectsTo: to,
      related:
        signin && to
          ? [{ range: signin.value.range, message: `\`auth-signin\`: an unauthenticated request is redirected to ${to}` }]
          : undefined,
    });
  }
  const type = get('auth-type');
  const secret = get('auth-secret');
  const m = type && /basic|digest/.exec(type.value.text);
  if (type && m && secret && secret.value.text.trim() !== '') {
    gates.push({
      kind: m[0] as 'basic' | 'digest',
      range: type.value.range,
      source: '`auth-type`',
      exemptsPreflight: answered,
      preflightStatus: answered ? undefined : 401,
      why: why(`\`auth-type: ${m[0]}\``),
      exemptHow: exemptOptions,
    });
  }
  return gates;
}

/* ------------------------------------------------------------------ Traefik */

/** Swaps two entries of a router's list (an IngressRoute's only when neither names a namespace). */
function swapFix(r: TraefikRouter, a: TraefikMiddlewareRef, b: TraefikMiddlewareRef): Fix | undefined {
  if (r.form === 'ingressroute' && (a.namespaceWritten || b.namespaceWritten)) return undefined;
  // A scalar that does not map 1:1 (escapes): every entry has the whole value's range.
  if (a.range.end > b.range.start && b.range.end > a.range.start) return undefined;
  return fix(`List \`${b.text}\` before \`${a.text}\``, [replace(a.range, b.text), replace(b.range, a.text)], false);
}

/** Auth middlewares that run before the CORS Middleware `name` in a router of the file. */
function traefikAuthGates(w: TraefikWiring, name: string, namespace: string | undefined): AuthGate[] {
  const gates: AuthGate[] = [];
  for (const r of w.routers) {
    const resolved = r.refs.map((ref) => resolveRef(w, r, ref));
    const at = resolved.findIndex((m) => !!m && m.cors && m.name === name && (m.namespace ?? '') === (namespace ?? ''));
    if (at < 0) continue;
    const corsRef = r.refs[at];
    resolved.forEach((m, i) => {
      if (!m?.auth || i === at) return;
      const before = i < at;
      const ref = r.refs[i];
      gates.push({
        kind: TRAEFIK_AUTH[m.auth],
        range: ref.range,
        source: `\`${ref.text}\` (${m.auth}) in ${r.label}`,
        exemptsPreflight: !before,
        preflightStatus: before ? 401 : undefined,
        why: before
          ? `Traefik runs a router's middlewares in the order listed, and \`${ref.text}\` (${m.auth}) comes before the CORS middleware \`${corsRef.text}\``
          : `the CORS middleware \`${corsRef.text}\` comes first and answers the preflight itself`,
        exemptHow: `List the CORS middleware \`${corsRef.text}\` before \`${ref.text}\` in ${r.label}: Traefik's headers middleware answers the preflight itself.`,
        related: [
          {
            range: corsRef.range,
            message: `the CORS middleware \`${corsRef.text}\`, listed ${before ? 'after' : 'before'} \`${ref.text}\``,
          },
        ],
        fix: before ? swapFix(r, ref, corsRef) : undefined,
      });
    });
  }
  return gates;
}
