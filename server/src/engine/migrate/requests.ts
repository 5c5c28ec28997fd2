/**
 * The generated request set of the behaviour diff: every allowed origin (and, for wildcards, one and two labels
 * deep), look-alikes (a sibling subdomain, the other scheme, a suffix attack), a foreign origin and `null`; with
 * and without credentials; a simple GET, each allowed method, a disallowed one, and each allowed header plus
 * `Authorization`, a JSON `Content-Type` and an unlisted custom header.
 */
import type { EffectivePolicy, OriginMatcher } from '../types';
import { isForbiddenMethod, isSerializedOrigin, isToken, parseTokenList, SAFELISTED_METHODS } from '../simulate/fetch';
import type { ProbeRequest } from './types';

export const FOREIGN_ORIGIN = 'https://attacker.example';
export const CUSTOM_HEADER = 'X-Vcluster-Cors-Probe';
const MAX_ORIGINS = 48;
const MAX_HEADERS = 16;

function originParts(value: string): { scheme: string; host: string; port?: string } | undefined {
  const m = /^([a-z][a-z0-9+.-]*):\/\/([^/:?#*]+|\*\.[^/:?#]+)(?::([0-9]+))?$/i.exec(value);
  return m ? { scheme: m[1].toLowerCase(), host: m[2].toLowerCase(), port: m[3] } : undefined;
}
const build = (scheme: string, host: string, port?: string) => `${scheme}://${host}${port !== undefined ? ':' + port : ''}`;

/** Sample origins for one matcher, labelled. */
function samples(m: OriginMatcher): [string, string][] {
  const out: [string, string][] = [];
  if (m.kind === 'null') return [['null', 'allowed origin `null`']];
  if (m.kind === 'any') return [];
  if (m.kind === 'regex') {
    // A best-effort literal reading of a simple regex (`^https://app\.example\.com$`).
    const lit = m.value
      .replace(/^\^/, '')
      .replace(/\$$/, '')
      .replace(/\[[^\]]*\]\+/g, 'app')
      .replace(/\\\./g, '.');
    if (isSerializedOrigin(lit)) out.push([lit, `an origin regex \`${m.value}\` matches`]);
    return out;
  }
  const p = originParts(m.value);
  if (!p) return out;
  const other = p.scheme === 'https' ? 'http' : p.scheme === 'http' ? 'https' : undefined;
  if (m.kind === 'wildcard-subdomain' && p.host.startsWith('*.')) {
    const d = p.host.slice(2);
    out.push([build(p.scheme, 'app.' + d, p.port), `one label under \`${m.value}\``]);
    out.push([build(p.scheme, 'a.b.' + d, p.port), `two labels under \`${m.value}\``]);
    out.push([build(p.scheme, d, p.port), `the parent domain of \`${m.value}\``]);
    out.push([build(p.scheme, 'app.' + d + '.attacker.example', p.port), `\`${m.value}\` followed by a foreign domain`]);
    if (other) out.push([build(other, 'app.' + d, p.port), `the other scheme for \`${m.value}\``]);
    return out;
  }
  if (p.host.includes('*')) {
    // A `*` compared literally: no browser sends it, the request carries a concrete host instead.
    p.host = p.host.replace(/\*/g, 'app');
    out.push([build(p.scheme, p.host, p.port), `a concrete host for the literal \`${m.value}\``]);
  }
  const exact = build(p.scheme, p.host, p.port);
  if (!m.value.includes('*')) out.push([exact, m.kind === 'prefix' ? `the prefix \`${m.value}\`` : 'allowed origin']);
  const labels = p.host.split('.');
  if (labels.length >= 2 && !/^[0-9.]+$/.test(p.host)) {
    const parent = labels.length >= 3 ? labels.slice(1).join('.') : p.host;
    out.push([build(p.scheme, 'sibling.' + parent, p.port), `a sibling subdomain of \`${exact}\``]);
  }
  out.push([build(p.scheme, p.host + '.attacker.example', p.port), `\`${exact}\` followed by a foreign domain`]);
  if (other) out.push([build(other, p.host, p.port), `\`${exact}\` with the other scheme`]);
  return out;
}

function tokens(v: string): string[] {
  const r = parseTokenList(v);
  return 'items' in r ? r.items : v.split(/[,\s]+/).filter((x) => x !== '');
}

/** The request set for the old and the new policy (the union of what each allows, so no difference hides). */
export function requestSet(policies: EffectivePolicy[]): ProbeRequest[] {
  const origins = new Map<string, string>();
  const add = (o: string, label: string) => {
    if (!origins.has(o) && origins.size < MAX_ORIGINS) origins.set(o, label);
  };
  for (const p of policies) for (const m of p.origins) for (const [o, l] of samples(m)) add(o, l);
  add(FOREIGN_ORIGIN, 'a foreign origin');
  add('null', 'the `null` origin (sandboxed iframe, file)');

  const methods: string[] = [];
  const headers: string[] = [];
  for (const p of policies) {
    for (const m of tokens(p.allowMethods)) if (m !== '*' && isToken(m) && !isForbiddenMethod(m) && !methods.includes(m)) methods.push(m);
    for (const h of tokens(p.allowHeaders))
      if (h !== '*' && isToken(h) && !headers.some((x) => x.toLowerCase() === h.toLowerCase()) && headers.length < MAX_HEADERS)
        headers.push(h);
  }
  const upper = methods.map((m) => m.toUpperCase());
  const disallowed = ['DELETE', 'PUT', 'PATCH', 'PROPFIND', 'MKCOL'].find((m) => !upper.includes(m)) ?? 'PROPFIND';

  const shapes: { method: string; headers: string[] }[] = [{ method: 'GET', headers: [] }];
  for (const m of methods) if (!SAFELISTED_METHODS.includes(m)) shapes.push({ method: m, headers: [] });
  shapes.push({ method: disallowed, headers: [] });
  for (const h of headers) shapes.push({ method: 'GET', headers: [h] });
  for (const h of ['Authorization', 'Content-Type', CUSTOM_HEADER])
    if (!headers.some((x) => x.toLowerCase() === h.toLowerCase())) shapes.push({ method: 'GET', headers: [h] });

  const out: ProbeRequest[] = [];
  for (const [origin, originLabel] of origins)
    for (const credentials of [false, true])
      for (const s of shapes) out.push({ origin, originLabel, method: s.method, headers: s.headers, credentials });
  return out;
}
