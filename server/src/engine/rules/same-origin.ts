import { defineRule } from './rule';
import { isPlatformTarget, q } from './_shared';
import { removeOriginsFix } from '../fix/origins';
import type { EffectivePolicy, Range } from '../types';
import { hostOrigin } from './_origins';

/** The host the policy is served on, when the target says so. */
function servedHost(p: EffectivePolicy): { value: string; written: string; range: Range; label: string } | undefined {
  if (!p.servedHost) return undefined;
  const written = p.servedHost.written.trim();
  const value = written.toLowerCase().replace(/\.$/, '');
  if (value === '') return undefined;
  return { value, written, range: p.servedHost.range, label: p.servedHost.label };
}

export default defineRule({
  meta: {
    id: 'same-origin',
    defaultSeverity: 'info',
    description: "An allowed origin is the Platform's own origin (`https://<ingress.host>`): browsers do not use CORS for it.",
    fixable: 'safe',
    docs: {
      summary: 'an origin equals `https://<ingress.host>`',
      fix: 'when another origin remains',
    },
    kind: 'semantic',
    messages: {
      sameOrigin: '{{origin}} is the origin the API is served on: browsers skip CORS for it.',
    },
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
            `${q(m.value)} is ${isPlatformTarget(p.target) ? "the Platform's own origin" : 'the origin this Ingress serves'} (${host.label} is ${q(host.written)}): the UI served from it calls the API same-origin, ` +
            'and browsers do not apply CORS to same-origin requests, so this entry is not needed.';
          const others = p.origins.some((o) => o !== m);
          const f = others ? removeOriginsFix(ctx.text, p, [m], `Remove ${q(m.value)}`) : undefined;
          ctx.report({
            range: m.range,
            messageId: 'sameOrigin',
            data: { origin: q(m.value) },
            message,
            related: [{ range: host.range, message: `${host.label} is ${q(host.written)}` }],
            fixes: f ? [f] : [],
          });
        }
      },
    };
  },
});
