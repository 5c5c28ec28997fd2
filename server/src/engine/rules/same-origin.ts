import { defineRule } from './rule';
import { q } from './_shared';
import { removeOriginsFix } from '../fix/origins';
import type { EffectivePolicy, Range } from '../types';
import { hostOrigin } from './_origins';

/** The host the policy is served on, when the target says so. */
function servedHost(p: EffectivePolicy): { value: string; written: string; range: Range; label: string } | undefined {
  if (p.target.kind !== 'ingress-nginx' || !p.target.host) return undefined;
  const written = p.target.host.value.trim();
  const value = written.toLowerCase().replace(/\.$/, '');
  if (value === '') return undefined;
  return { value, written, range: p.target.host.range, label: p.target.values ? 'ingress.host' : 'the Ingress host' };
}

export default defineRule({
  meta: {
    id: 'same-origin',
    defaultSeverity: 'info',
    description: 'An allowed origin is the Platform\'s own origin (`https://<ingress.host>`): browsers do not use CORS for it.',
    fixable: true,
    kind: 'semantic',
  },
  create(ctx) {
    return {
      policy(p) {
        const host = servedHost(p);
        if (!host) return;
        for (const m of p.origins) {
          if (m.kind !== 'exact' || !hostOrigin(m)) continue;
          if (m.scheme !== 'https' || m.port !== undefined || m.host.toLowerCase().replace(/\.$/, '') !== host.value) continue;
          const message =
            `${q(m.value)} is ${p.target.kind === 'ingress-nginx' && p.target.values ? "the Platform's own origin" : 'the origin this Ingress serves'} (${host.label} is ${q(host.written)}): the UI served from it calls the API same-origin, ` +
            'and browsers do not apply CORS to same-origin requests, so this entry is not needed.';
          const others = p.origins.some((o) => o !== m);
          const f = others ? removeOriginsFix(ctx.text, p, [m], `Remove ${q(m.value)}`) : undefined;
          ctx.report({
            range: m.range,
            message,
            related: [{ range: host.range, message: `${host.label} is ${q(host.written)}` }],
            fixes: f ? [f] : [],
          });
        }
      },
    };
  },
});
