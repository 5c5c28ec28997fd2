/** Step 3: the effective policy of each target, by controller. */
import type { EffectivePolicy, Target } from '../types';
import type { ResolvedConfig } from '../config/config';
import { ingressNginxPolicy } from './ingressNginx';
import { traefikPolicy } from './traefik';
import { istioPolicy } from './istio';
import { gatewayApiPolicy } from './gatewayApi';
import { controllerVersion, versionOf } from '../config/controllers';
import { traefikNginxPolicy } from './traefikNginx';
import { applyHandwritten } from './handwritten';
import { envoyGatewayPolicy } from './envoyGateway';
import { contourPolicy } from './contour';
import { emissaryPolicy } from './emissary';
import { kongPolicy } from './kong';
import { apisixPolicy } from './apisix';
import { haproxyIngressPolicy, haproxyPolicy } from './haproxy';
import type { TextLike } from '../util/pieceText';

export function policyFor(target: Target, config: ResolvedConfig, text?: TextLike): EffectivePolicy {
  const p = controllerPolicy(target, config);
  p.controllerVersion ??= versionOf(config.controllers, p.controller);
  // Hand-written CORS headers (snippets, custom headers) after the controller's own model.
  applyHandwritten(p, target, text);
  // Traefik's accessControlAllowOriginList and Envoy's StringMatch compare the written string (other-controllers.md).
  if (target.kind === 'traefik' || target.kind === 'istio') p.originMatching = 'literal';
  // `*` + credentials → the requested method/headers (other-controllers.md §2.3; Gateway API HTTPCORSFilter docs and
  // the HTTPRouteCORS conformance test); Traefik's preflight answer is `200` with `Content-Length: 0` (§2.3).
  if (target.kind === 'traefik' || target.kind === 'gateway-api') p.reflectsWildcardWithCredentials = true;
  if (target.kind === 'traefik') p.preflightHeaders = { 'Content-Length': '0' };
  noteNativeAppOrigins(p);
  return p;
}

/**
 * Origins with a scheme other than http/https (`capacitor://localhost`, `ionic://localhost`) are the fixed origin
 * of a native app's web view (docs/reference/native-app-origins.md): say what the controller does with them.
 */
function noteNativeAppOrigins(p: EffectivePolicy): void {
  for (const m of p.origins) {
    if (m.kind !== 'exact' || !m.scheme || /^https?$/i.test(m.scheme)) continue;
    p.notes.push(
      `\`${m.value}\` is not a web origin (scheme \`${m.scheme}\`): it is the fixed origin of a native app's web view (Capacitor, Ionic), ` +
        'which the controller matches like any other origin, character for character; no web page can send it.',
    );
  }
}

function controllerPolicy(target: Target, config: ResolvedConfig): EffectivePolicy {
  switch (target.kind) {
    case 'ingress-nginx':
      // Traefik v3.5+ can read these annotations instead (controllers.nginx-annotations: traefik).
      if (config.controllers?.['nginx-annotations'] === 'traefik')
        return traefikNginxPolicy(target, controllerVersion(config.controllers, 'traefik'));
      return ingressNginxPolicy(target, {
        annotationValidation: config.annotationValidation,
        version: controllerVersion(config.controllers, 'ingress-nginx'),
      });
    case 'traefik':
      return traefikPolicy(target);
    case 'istio':
      return istioPolicy(target, controllerVersion(config.controllers, 'istio'));
    case 'gateway-api':
      return gatewayApiPolicy(target, controllerVersion(config.controllers, 'gateway-api'));
    case 'envoy-gateway':
      return envoyGatewayPolicy(target);
    case 'contour':
      return contourPolicy(target);
    case 'emissary':
      return emissaryPolicy(target);
    case 'kong':
      return kongPolicy(target);
    case 'apisix':
      return apisixPolicy(target);
    case 'haproxy-ingress':
      return haproxyIngressPolicy(target);
    case 'haproxy':
      return haproxyPolicy(target);
  }
}
