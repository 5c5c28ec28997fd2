import { defineRule } from './rule';
import { q } from './_shared';
import { fix, renameKey } from '../fix/edits';
import {
  CORS_SUFFIXES,
  DEFAULT_HEADERS,
  DEFAULT_MAX_AGE,
  DEFAULT_METHODS,
  corsSuffixOfKey,
  isCorsSuffix,
  type CorsSuffix,
} from '../policy/ingressNginxModel';
import { NGINX_PREFIX } from '../targets/valuesFile';
import { otherPairWithKey } from './_values';
import { foreignAnnotation } from './_foreignAnnotations';
import { levenshtein } from '../util/levenshtein';
import type { AnnotationEntry, Fix, IngressNginxTarget } from '../types';

/** What ingress-nginx does when the annotation is missing (its default). */
const DEFAULT_EFFECT: Record<CorsSuffix, string> = {
  'enable-cors': 'CORS stays off (`enable-cors` defaults to `false`) and every cors-* annotation is ignored',
  'cors-allow-origin': 'cors-allow-origin keeps its default, any origin (`*`)',
  'cors-allow-methods': `the default methods ${q(DEFAULT_METHODS)} are sent`,
  'cors-allow-headers': `the default headers ${q(DEFAULT_HEADERS)} are sent`,
  'cors-allow-credentials': 'cors-allow-credentials keeps its default, `true`',
  'cors-expose-headers': 'no `Access-Control-Expose-Headers` header is sent',
  'cors-max-age': `the default max-age ${q(String(DEFAULT_MAX_AGE))} (20 days) is sent`,
};

/** Prefix tokens of other controllers: their own CORS-looking annotations are not ours to judge. */
const OTHER_PREFIX_TOKENS = new Set([
  'alb',
  'haproxy',
  'haproxy-ingress',
  'konghq',
  'kong',
  'projectcontour',
  'contour',
  'appgw',
  'istio',
  'getambassador',
  'ambassador',
  'citrix',
  'f5',
  'apisix',
  'cilium',
  'skipper',
]);

/** Words that say which CORS annotation is meant (token classification of the key name). */
const TOKEN_CLASS: Record<string, CorsSuffix | 'expose'> = {
  enable: 'enable-cors',
  enabled: 'enable-cors',
  enables: 'enable-cors',
  origin: 'cors-allow-origin',
  origins: 'cors-allow-origin',
  method: 'cors-allow-methods',
  methods: 'cors-allow-methods',
  header: 'cors-allow-headers',
  headers: 'cors-allow-headers',
  credential: 'cors-allow-credentials',
  credentials: 'cors-allow-credentials',
  creds: 'cors-allow-credentials',
  cred: 'cors-allow-credentials',
  max: 'cors-max-age',
  age: 'cors-max-age',
  maxage: 'cors-max-age',
  expose: 'expose',
  exposed: 'expose',
  exposes: 'expose',
};
const NOISE = new Set(['cors', 'cros', 'allow', 'allowed', 'allows', 'access', 'control']);

interface Verdict {
  kind: 'nginx' | 'traefik-prefix';
  /** The suffix the author most likely meant. */
  suffix?: CorsSuffix;
  /** A typo, a case or prefix slip: renaming is what the author meant. */
  confident: boolean;
  /** Why the key is not read, when it is more than a misspelt name. */
  reason?: string;
}

/** camelCase, snake_case and dots → kebab-case, lower case. */
function normalizeName(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase()
    .replace(/[_.\s]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
}

function byTokens(n: string): CorsSuffix | undefined {
  if (!/cors|cros/.test(n) && !n.startsWith('access-control-')) return undefined;
  const classes = new Set<string>();
  for (const tok of n.split('-')) {
    if (tok === '' || NOISE.has(tok)) continue;
    const c = TOKEN_CLASS[tok];
    if (!c) return undefined;
    classes.add(c);
  }
  if (classes.has('expose')) {
    classes.delete('expose');
    classes.delete('cors-allow-headers');
    return classes.size === 0 ? 'cors-expose-headers' : undefined;
  }
  if (classes.size === 0) return n.includes('cors') ? 'enable-cors' : undefined;
  return classes.size === 1 ? ([...classes][0] as CorsSuffix) : undefined;
}

function nearest(n: string): { suffix: CorsSuffix; d: number } {
  let best: { suffix: CorsSuffix; d: number } = { suffix: CORS_SUFFIXES[0], d: Infinity };
  for (const s of CORS_SUFFIXES) {
    const d = levenshtein(n, s);
    if (d < best.d) best = { suffix: s, d };
  }
  return best;
}

/** Undefined when the key is not CORS-like (or is one of the seven exact keys). */
export function classifyKey(key: string, prefix: string): Verdict | undefined {
  if (corsSuffixOfKey(prefix, key) !== undefined) return undefined;
  const trimmed = key.trim();
  let keyPrefix = '';
  let name = trimmed;
  let missingSlash = false;
  const slash = trimmed.indexOf('/');
  if (slash >= 0) {
    keyPrefix = trimmed.slice(0, slash);
    name = trimmed.slice(slash + 1);
  } else {
    const m = /^(nginx\.ingress\.kubernetes\.io)[.:_\\-]+(.+)$/i.exec(trimmed);
    if (m) {
      keyPrefix = m[1];
      name = m[2];
      missingSlash = true;
    }
  }
  const n = normalizeName(name);
  const near = nearest(n);
  const corsLike = /cors|cros/.test(n) || n.startsWith('access-control-') || near.d <= 2;
  if (!corsLike) return undefined;

  const pl = keyPrefix.toLowerCase();
  if (pl.includes('traefik')) return { kind: 'traefik-prefix', confident: false };
  const tokens = pl.split('.');
  if (tokens.some((t) => OTHER_PREFIX_TOKENS.has(t))) return undefined;
  const nginxish =
    pl === '' || pl.includes('nginx') || pl.endsWith('kubernetes.io') || levenshtein(pl, NGINX_PREFIX) <= 3 || pl === prefix.toLowerCase();
  if (!nginxish) return undefined;

  let reason: string | undefined;
  if (trimmed !== key) reason = 'the key has leading or trailing spaces';
  else if (missingSlash) reason = `the ${q('/')} between the prefix and the name is missing`;
  else if (pl === '') reason = `it has no ${q(prefix + '/')} prefix`;
  else if (pl === 'nginx.org' || pl === 'nginx.com')
    reason = `${q(keyPrefix + '/')} is the prefix of the F5 NGINX Ingress Controller, which configures CORS with a Policy resource, not annotations`;
  else if (pl === prefix.toLowerCase() && keyPrefix !== prefix) reason = 'annotation keys are case-sensitive';
  else if (keyPrefix !== prefix) reason = `ingress-nginx only reads annotations with the ${q(prefix + '/')} prefix`;

  if (isCorsSuffix(n)) {
    if (!reason && name !== n) reason = name.toLowerCase() === n ? 'annotation keys are case-sensitive' : `the name is written ${q(n)}`;
    return { kind: 'nginx', suffix: n, confident: true, reason };
  }
  if (near.d <= 2) return { kind: 'nginx', suffix: near.suffix, confident: true, reason };
  const tok = byTokens(n);
  if (tok) return { kind: 'nginx', suffix: tok, confident: true, reason };
  if (near.d <= Math.floor(near.suffix.length * 0.4)) return { kind: 'nginx', suffix: near.suffix, confident: false, reason };
  return { kind: 'nginx', confident: false, reason };
}

export default defineRule({
  meta: {
    id: 'unknown-cors-annotation',
    defaultSeverity: 'warning',
    description:
      'A CORS-like annotation key that is not one of the seven ingress-nginx CORS annotations (typo, plural, wrong prefix or case): ingress-nginx ignores it.',
    fixable: 'safe',
    docs: {
      summary: 'a CORS-like key that is not one of the seven',
      fix: 'rename',
    },
    kind: 'syntax',
    messages: {
      traefikAnnotation: 'Traefik and ingress-nginx do not read this annotation: it is ignored.',
      unknown: 'Not an ingress-nginx CORS annotation: ingress-nginx ignores it.',
      foreignNoCors: 'No controller reads this annotation: it is ignored.',
      foreignClass: 'This HAProxy annotation is not for the Ingress class in use: it is ignored.',
      foreignUnknown: 'Not a CORS annotation of the controller its prefix belongs to: it is ignored.',
      foreignNotRead: 'The controller of this Ingress class does not read this annotation: it is ignored.',
      didYouMean: 'Not an ingress-nginx annotation: it is ignored. Did you mean {{suggestion}}?',
    },
    controllers: ['ingress-nginx'],
  },
  create(ctx) {
    const line = (offset: number) => ctx.lines.position(offset).line + 1;
    return {
      target(target) {
        const t: IngressNginxTarget = target;
        const found: { a: AnnotationEntry; v: Verdict; full?: string }[] = [];
        for (const a of t.annotations) {
          // Prefixes other controllers read (HAProxy's `ingress.kubernetes.io/`, F5 NGINX's `nginx.org/`).
          const foreign = foreignAnnotation(ctx.text, t, a);
          if (foreign !== undefined) {
            if (foreign) ctx.report(foreign);
            continue;
          }
          const v = classifyKey(a.key, t.prefix);
          if (v) found.push({ a, v, full: v.suffix ? `${t.prefix}/${v.suffix}` : undefined });
        }
        for (const { a, v, full } of found) {
          if (v.kind === 'traefik-prefix') {
            ctx.report({
              range: a.keyRange,
              messageId: 'traefikAnnotation',
              message:
                'Traefik configures CORS in a headers Middleware ' +
                '(`accessControlAllowOriginList`, `accessControlAllowMethods`, …) that the Ingress references with ' +
                '`traefik.ingress.kubernetes.io/router.middlewares: "<namespace>-<name>@kubernetescrd"`.',
            });
            continue;
          }
          const why = v.reason ? ` (${v.reason})` : '';
          if (!full || !v.suffix) {
            ctx.report({
              range: a.keyRange,
              messageId: 'unknown',
              message: `ingress-nginx reads only ${CORS_SUFFIXES.map((s) => q(s)).join(', ')} with the ${q(t.prefix + '/')} prefix, so ${q(a.key)}${why} does nothing.`,
            });
            continue;
          }
          const existing = t.byKey.get(full);
          const effect = existing ? `ingress-nginx uses ${q(full)} from line ${line(existing.keyRange.start)}` : DEFAULT_EFFECT[v.suffix];
          const fixes: Fix[] = [];
          const sameMap = otherPairWithKey(a.map, full, a.keyRange.start);
          const ambiguous = found.filter((f) => f.full === full && f.a.map === a.map).length > 1;
          if (!sameMap) {
            const safe = v.confident && !existing && !ambiguous;
            fixes.push(fix(`Rename to ${q(full)}`, [renameKey(ctx.text, a.keyRange, full)], safe));
          }
          ctx.report({
            range: a.keyRange,
            messageId: 'didYouMean',
            data: { suggestion: q(v.suffix) },
            message: `With ${q(a.key)} unread${why}, ${effect}. The key ingress-nginx reads is ${q(full)}.`,
            fixes,
            related: existing ? [{ range: existing.keyRange, message: `${q(full)} is set here` }] : [],
          });
        }
      },
    };
  },
});
