/**
 * cors-on-error-responses: ingress-nginx `custom-http-errors` with CORS on. The listed statuses are answered by the
 * default backend through `error_page … = @custom_…`, a named location without the CORS block (or the snippets), so
 * those responses carry no CORS headers and the browser reports a CORS error instead of the status.
 * Facts (checked with real nginx by test/conformance/cases-handwritten.mjs): docs/reference/handwritten-cors.md.
 */
import { defineRule } from './rule';
import { q } from './_shared';

export default defineRule<'ingress-nginx'>({
  meta: {
    id: 'cors-on-error-responses',
    controllers: ['ingress-nginx'],
    defaultSeverity: 'info',
    description: 'Error pages of `custom-http-errors` carry no CORS headers, so the browser reports a CORS error instead of the status.',
    fixable: false,
    docs: {
      summary: '`custom-http-errors` on an Ingress with CORS on: those error responses have no CORS headers',
    },
    kind: 'semantic',
    messages: {
      errorPages: '{{codes}} error pages have no CORS headers: browsers report a CORS error.',
    },
  },
  create(ctx) {
    return {
      target(t, p) {
        if (!p.enabled) return;
        const e = t.byKey.get(`${t.prefix}/custom-http-errors`);
        if (!e || e.value.text.trim() === '') return;
        const codes = e.value.text
          .split(',')
          .map((c) => c.trim())
          .filter((c) => c !== '');
        const how = p.handwritten && !p.handwritten.native ? 'the hand-written CORS headers' : "ingress-nginx's CORS headers";
        ctx.report({
          range: e.value.range,
          messageId: 'errorPages',
          data: { codes: codes.join(', ') },
          message:
            `With ${q(e.key.slice(e.key.indexOf('/') + 1))}, a ${codes.join(', ')} from the backend is replaced by the default backend's page through ` +
            `\`error_page … = @custom_…\`: that named location has none of ${how}, so the browser blocks the response and the page's script sees a ` +
            'network error instead of the status. Let the application answer these statuses itself (remove them from the annotation), or have the ' +
            'default backend add the CORS headers.',
        });
      },
    };
  },
});
