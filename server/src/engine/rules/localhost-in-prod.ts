import { defineRule } from './rule';
import { q } from './_shared';
import { removeOriginsFix } from '../fix/origins';
import { answers, isLoopbackOrigin, withCredentials } from './_origins';

export default defineRule({
  meta: {
    id: 'localhost-in-prod',
    defaultSeverity: 'error',
    environments: { development: 'off' },
    description: 'A loopback origin (localhost, `*.localhost`, 127.0.0.0/8, `[::1]`, 0.0.0.0) is allowed in a production file.',
    fixable: 'safe',
    docs: {
      summary: 'loopback origins',
      fix: 'when another origin remains',
    },
    kind: 'semantic',
    messages: {
      loopback: '{{origin}} is a loopback origin in production: local pages can read the API.',
    },
  },
  create(ctx) {
    return {
      policy(p) {
        const loopback = p.origins.filter(isLoopbackOrigin);
        for (const m of loopback) {
          const message =
            `On a visitor's own machine, ${q(m.value)} is the origin of any page served there (a local dev server or any local app), ` +
            `and ${answers(p, 'it')}${withCredentials(p, ' together with `Access-Control-Allow-Credentials: true` (cookies)')}. ` +
            'Keep development origins in a development values file.';
          // Only offer the removal while another usable origin stays (removing the last one changes what is allowed).
          const othersLeft = p.origins.some((o) => o !== m);
          const f = othersLeft ? removeOriginsFix(ctx.text, p, [m], `Remove ${q(m.value)}`) : undefined;
          ctx.report({ range: m.range, messageId: 'loopback', data: { origin: q(m.value) }, message, fixes: f ? [f] : [] });
        }
      },
    };
  },
});
