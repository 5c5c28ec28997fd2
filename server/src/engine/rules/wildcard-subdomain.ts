import { defineRule } from './rule';
import { q } from './_shared';
import { ControllerName, formatOrigin, hostOrigin, withCredentials } from './_origins';

export default defineRule({
  meta: {
    id: 'wildcard-subdomain',
    defaultSeverity: 'warning',
    description:
      'A `scheme://*.domain` origin trusts every subdomain (warning with credentials, info without); ingress-nginx matches exactly one label.',
    fixable: false,
    docs: {
      summary: '`scheme://*.domain`: one label only, trusts every subdomain',
      severity: '`warning` when credentials are allowed, `info` otherwise',
    },
    kind: 'semantic',
    messages: {
      subdomains: '{{origin}} trusts every subdomain: a hole in any of them exposes the API.',
    },
  },
  create(ctx) {
    return {
      policy(p) {
        for (const m of p.origins) {
          if (m.kind !== 'wildcard-subdomain' || !hostOrigin(m)) continue;
          const domain = m.host.slice(2);
          if (domain === '') continue;
          const one = formatOrigin(m.scheme, `app.${domain}`, m.port);
          const apex = formatOrigin(m.scheme, domain, m.port);
          const deep = formatOrigin(m.scheme, `a.b.${domain}`, m.port);
          const scope =
            p.profile.origins.wildcardSubdomain === 'one-label'
              ? `${ControllerName(p)} echoes any Origin with exactly one label in place of \`*\` (such as ${q(one)}), but neither ${q(apex)} nor deeper hosts such as ${q(deep)}`
              : `${ControllerName(p)} echoes the Origin of every subdomain of ${q(domain)} (such as ${q(one)})`;
          const message =
            `${scope}. ` +
            `A cross-site scripting hole or a taken-over DNS record on any of those subdomains can read the API's responses${withCredentials(p)}. ` +
            'List the subdomains that need access.';
          ctx.report({
            range: m.range,
            messageId: 'subdomains',
            data: { origin: q(m.value) },
            message,
            severity: p.allowCredentials ? 'warning' : 'info',
          });
        }
      },
    };
  },
});
