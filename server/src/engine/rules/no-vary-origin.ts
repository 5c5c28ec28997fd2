import { defineRule } from './rule';
import { ControllerName, listedOrigins } from './_origins';

export default defineRule({
  meta: {
    id: 'no-vary-origin',
    defaultSeverity: 'info',
    description: 'The controller echoes the request Origin without `Vary: Origin`: shared caches can serve one origin\'s response to another.',
    fixable: false,
    kind: 'semantic',
  },
  create(ctx) {
    return {
      policy(p) {
        if (p.acaoMode !== 'echo' || p.varyOrigin || listedOrigins(p).length === 0) return;
        // Traefik can add the header (`addVaryHeader: true`): missing-vary-header reports that, with a fix.
        if (p.controller === 'traefik') return;
        const never =
          p.controller === 'ingress-nginx'
            ? 'but never sends `Vary: Origin` (PR kubernetes/ingress-nginx#10490 is unmerged)'
            : p.controller === 'istio'
              ? 'but Envoy never adds `Vary: Origin` and Istio has no setting for it (envoyproxy/envoy#35873)'
              : 'but the CORS filter has no setting to add `Vary: Origin` and the spec does not require it (kubernetes-sigs/gateway-api#4666)';
        const message =
          `${ControllerName(p)} echoes the request Origin in \`Access-Control-Allow-Origin\` ${never}: a shared cache (CDN, proxy) ` +
          'can serve the response it stored for one origin (or for a request without an Origin) to another origin, ' +
          'and the browser then blocks that call because `Access-Control-Allow-Origin` names a different origin or is missing.' +
          (p.controller === 'ingress-nginx' ? '' : ' Add `Vary: Origin` in the backend, or keep shared caches from storing these responses.');
        ctx.report({ range: p.fields.origin ? p.fields.origin.value.range : p.anchor, message });
      },
    };
  },
});
