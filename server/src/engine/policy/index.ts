/** Step 3: the effective policy of each target, by controller. */
import type { EffectivePolicy, Target } from '../types';
import type { ResolvedConfig } from '../config/config';
import { ingressNginxPolicy } from './ingressNginx';
import { traefikPolicy } from './traefik';
import { istioPolicy } from './istio';
import { gatewayApiPolicy } from './gatewayApi';

export function policyFor(target: Target, config: ResolvedConfig): EffectivePolicy {
  switch (target.kind) {
    case 'ingress-nginx':
      return ingressNginxPolicy(target, { annotationValidation: config.annotationValidation });
    case 'traefik':
      return traefikPolicy(target);
    case 'istio':
      return istioPolicy(target);
    case 'gateway-api':
      return gatewayApiPolicy(target);
  }
}
