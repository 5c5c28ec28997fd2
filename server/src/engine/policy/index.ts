/** Step 3: the effective policy of each target, by controller. */
import type { EffectivePolicy, Target } from '../types';
import type { ResolvedConfig } from '../config/config';
import { ingressNginxPolicy } from './ingressNginx';

export function policyFor(target: Target, config: ResolvedConfig): EffectivePolicy {
  switch (target.kind) {
    case 'ingress-nginx':
      return ingressNginxPolicy(target, { annotationValidation: config.annotationValidation });
  }
}
