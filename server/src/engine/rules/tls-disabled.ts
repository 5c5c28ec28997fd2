import { defineRule } from './rule';
import { q } from './_shared';
import { helmTruthy, writtenAs } from './_values';
import type { RelatedInfo } from '../types';
import { chartIngressDefaults } from '../helm/chartDefaults';

export default defineRule({
  meta: {
    id: 'tls-disabled',
    defaultSeverity: 'warning',
    description: '`ingress.tls.enabled` is false while CORS is enabled: pages served over https cannot call the http API.',
    fixable: false,
    kind: 'syntax',
  },
  create(ctx) {
    return {
      target(t, p) {
        if (t.kind !== 'ingress-nginx' || !t.values) return;
        const v = t.values;
        const tls = v.tlsEnabled;
        // Missing: the chart default applies (true). Nothing rendered at all: ingress-disabled reports that.
        if (!p.configured || (!tls && chartIngressDefaults().tls.enabled)) return;
        if (!tls) return;
        if (helmTruthy(v.enabled?.node, ctx.text) !== true) return;
        if (helmTruthy(tls.node, ctx.text) !== false) return;
        const httpsOrigins = p.origins.filter((o) => o.scheme === 'https').map((o) => q(o.value));
        const origins =
          httpsOrigins.length > 0
            ? `, and a page served over http has an \`http://\` origin that the allowed ${httpsOrigins.join(', ')} never ${httpsOrigins.length === 1 ? 'matches' : 'match'}`
            : '';
        const related: RelatedInfo[] = [];
        if (p.fields.enable) related.push({ range: p.fields.enable.keyRange, message: 'CORS is enabled here' });
        ctx.report({
          range: tls.range,
          message:
            `\`ingress.tls.enabled\` is ${q(writtenAs(tls.node, ctx.text))} while CORS is enabled: the Ingress serves the Platform API over plain http. ` +
            `Browsers block calls from pages served over https to an http API (mixed content)${origins}. ` +
            'Enable TLS, or suppress this finding if TLS is terminated in front of the Ingress (for example by a load balancer).',
          related,
        });
      },
    };
  },
});
