/**
 * Istio: AuthorizationPolicies of the file that require a JWT (`requestPrincipals`, `request.auth.*` conditions) on
 * the hosts of a VirtualService's corsPolicy, without letting a credential-less OPTIONS through. Istio's JWT filter
 * lets a preflight pass without a token (`bypass_cors_preflight`), then the RBAC filter denies it (403 "RBAC: access
 * denied"). Facts and sources: docs/reference/auth.md (Istio).
 */
import { isMap, isScalar, isSeq } from 'yaml';
import type { Document, YAMLMap } from 'yaml';
import type { AuthGate, IstioTarget, ParsedFile, Range } from '../types';
import { nodeRange } from '../parse/parse';
import { getMap, getPair } from '../parse/values';
import { apiGroup, manifestMeta } from '../targets/manifest';

interface AuthzRule {
  /** Whether the rule can match a preflight: no principal, method OPTIONS. */
  matchesPreflight: boolean;
  /** Whether it asks for a request principal (ALLOW) or matches its absence (DENY). */
  jwt: boolean;
  range: Range;
  /** `to.operation.hosts` of the rule (undefined: any host). */
  hosts?: string[];
}

export interface AuthzPolicy {
  name: string;
  namespace?: string;
  action: string;
  rules: AuthzRule[];
}

const strings = (node: unknown): string[] | undefined =>
  isSeq(node)
    ? node.items.flatMap((i) => (isScalar(i) && (typeof i.value === 'string' || typeof i.value === 'number') ? [String(i.value)] : []))
    : undefined;
const items = (node: unknown): YAMLMap[] => (isSeq(node) ? node.items.filter((i): i is YAMLMap => isMap(i)) : []);

function readRule(rule: YAMLMap, doc: Document.Parsed, deny: boolean): AuthzRule {
  const from = items(getPair(rule, 'from')?.value).map((f) => getMap(f, 'source', doc));
  const to = items(getPair(rule, 'to')?.value).map((t) => getMap(t, 'operation', doc));
  const when = items(getPair(rule, 'when')?.value);
  const requires = (s: YAMLMap | undefined) => (strings(getPair(s, 'requestPrincipals')?.value) ?? []).length > 0;
  const absent = (s: YAMLMap | undefined) => (strings(getPair(s, 'notRequestPrincipals')?.value) ?? []).length > 0;
  const authWhen = when.filter((w) => {
    const k = getPair(w, 'key')?.value;
    return isScalar(k) && String(k.value).startsWith('request.auth.');
  });
  const fromOk = from.length === 0 || from.some((s) => !requires(s));
  const toOk =
    to.length === 0 ||
    to.some((op) => {
      const methods = strings(getPair(op, 'methods')?.value);
      const not = strings(getPair(op, 'notMethods')?.value) ?? [];
      return (!methods || methods.includes('OPTIONS')) && !not.includes('OPTIONS');
    });
  const whenOk = authWhen.every((w) => !getPair(w, 'values'));
  const jwt = deny ? from.some(absent) : from.some(requires) || authWhen.length > 0;
  const hostLists = to.map((op) => strings(getPair(op, 'hosts')?.value));
  const hosts = hostLists.length > 0 && hostLists.every((h) => h) ? (hostLists.flat() as string[]) : undefined;
  const where = getPair(rule, 'from') ?? getPair(rule, 'when') ?? getPair(rule, 'to');
  return { matchesPreflight: fromOk && toOk && whenOk, jwt, hosts, range: nodeRange(where?.key ?? rule) ?? { start: 0, end: 0 } };
}

/** The AuthorizationPolicies of a file (read once per file). */
export function readAuthzPolicies(parsed: ParsedFile): AuthzPolicy[] {
  const out: AuthzPolicy[] = [];
  for (const d of parsed.docs) {
    const root = d.doc.contents;
    const meta = manifestMeta(root);
    if (!meta || meta.kind !== 'AuthorizationPolicy' || apiGroup(meta.apiVersion) !== 'security.istio.io') continue;
    const spec = getMap(root, 'spec', d.doc);
    const a = getPair(spec, 'action')?.value;
    const action = isScalar(a) && typeof a.value === 'string' ? a.value : 'ALLOW';
    const rules = items(getPair(spec, 'rules')?.value).map((r) => readRule(r, d.doc, action === 'DENY'));
    out.push({ name: meta.name, namespace: meta.namespace, action, rules });
  }
  return out;
}

function hostMatches(pattern: string, host: string): boolean {
  const p = pattern.toLowerCase().replace(/:\d+$/, '');
  const h = host.toLowerCase();
  if (p === '*' || h === '*') return true;
  if (p.startsWith('*')) return h.endsWith(p.slice(1));
  if (h.startsWith('*')) return p.endsWith(h.slice(1));
  return p === h;
}

function applies(ap: AuthzPolicy, rule: AuthzRule | undefined, vsNamespace: string | undefined, vsHosts: string[]): boolean {
  const nsOk = ap.namespace === undefined || vsNamespace === undefined || ap.namespace === vsNamespace || ap.namespace === 'istio-system';
  const hostsOk = !rule?.hosts || vsHosts.length === 0 || rule.hosts.some((p) => vsHosts.some((h) => hostMatches(p, h)));
  return nsOk && hostsOk;
}

function vsHostsOf(parsed: ParsedFile, t: IstioTarget): string[] {
  const d = parsed.docs[t.docIndex] as ParsedFile['docs'][number] | undefined;
  return strings(getPair(getMap(d?.doc.contents, 'spec', d?.doc), 'hosts')?.value) ?? [];
}

const EXEMPT_HOW =
  'Let `OPTIONS` through without a token: add an ALLOW rule `to: [{ operation: { methods: ["OPTIONS"] } }]`, or `notMethods: ["OPTIONS"]` on the rule that requires the JWT.';

/** The JWT-requiring AuthorizationPolicies of the file that apply to this corsPolicy's hosts. */
export function istioAuthGates(parsed: ParsedFile, t: IstioTarget, policies: AuthzPolicy[]): AuthGate[] {
  if (policies.length === 0) return [];
  const hosts = vsHostsOf(parsed, t);
  // Several ALLOW policies: a request is allowed when any of them matches it.
  const optionsAllowed = policies.some(
    (ap) => ap.action === 'ALLOW' && ap.rules.some((r) => r.matchesPreflight && applies(ap, r, t.namespace, hosts)),
  );
  const gates: AuthGate[] = [];
  for (const ap of policies) {
    if (ap.action !== 'ALLOW' && ap.action !== 'DENY') continue;
    const deny = ap.action === 'DENY';
    for (const r of ap.rules) {
      if (!r.jwt || !applies(ap, r, t.namespace, hosts)) continue;
      // DENY: the rule denies the preflight when it matches it; ALLOW: nothing else allows it.
      const blocked = deny ? r.matchesPreflight : !optionsAllowed;
      gates.push({
        kind: 'jwt',
        range: r.range,
        source: `AuthorizationPolicy/${ap.name}`,
        exemptsPreflight: !blocked,
        preflightStatus: blocked ? 403 : undefined,
        why: blocked
          ? deny
            ? `a DENY rule of \`AuthorizationPolicy/${ap.name}\` matches requests without a request principal, and a preflight never carries a token`
            : `\`AuthorizationPolicy/${ap.name}\` allows only requests with a request principal, and no ALLOW rule lets a token-less OPTIONS through`
          : 'a rule lets `OPTIONS` through without a token',
        exemptHow: EXEMPT_HOW,
      });
      break;
    }
  }
  return gates;
}
