import { defineRule } from './rule';
import { q } from './_shared';
import { replaceOriginFix } from '../fix/origins';
import { answers, defined, formatOrigin, hostOrPrefixOrigin, isLoopbackOrigin, withCredentials } from './_origins';

export default defineRule({
  meta: {
    id: 'insecure-origin',
    defaultSeverity: 'warning',
    environments: { development: 'off' },
    description: 'An `http://` origin (other than loopback) is allowed: pages delivered without TLS can read the API.',
    fixable: 'unsafe',
    docs: {
      summary: '`http://` origins other than loopback',
    },
    kind: 'semantic',
    messages: {
      plainHttp: '{{origin}} is a plain-HTTP origin: a page served without TLS can read the API.',
    },
  },
  create(ctx) {
    return {
      policy(p) {
        for (const m of p.origins) {
          if (!hostOrPrefixOrigin(m) || m.scheme.toLowerCase() !== 'http' || isLoopbackOrigin(m)) continue;
          // https on port 80 makes no sense: drop http's default port together with the scheme.
          const secure = formatOrigin('https', m.host, m.port === '80' ? undefined : m.port);
          const message =
            `${q(m.value)} is a plain-HTTP origin: ${answers(p, 'it')}, so a page delivered without TLS can read the API's responses${withCredentials(p)}; ` +
            'anyone on the network path (public Wi-Fi, a proxy) can inject script into that page and use this access. Use `https://`.';
          ctx.report({
            range: m.range,
            messageId: 'plainHttp',
            data: { origin: q(m.value) },
            message,
            fixes: defined([replaceOriginFix(p, m, secure, `Use ${q(secure)}`, false)]),
          });
        }
      },
    };
  },
});
