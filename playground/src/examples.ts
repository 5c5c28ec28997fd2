/** The examples of the repository's examples/ folder, bundled as text (esbuild `text` loader). */
import nginxBroken from '../../examples/broken/vcluster-platform.yaml';
import nginxWildcard from '../../examples/broken/platform-values-wildcard.yaml';
import nginxLoft from '../../examples/broken/loft.yaml';
import nginxGood from '../../examples/vcluster-platform.yaml';
import nginxDev from '../../examples/dev/vcluster-platform.dev.yaml';
import traefikBroken from '../../examples/controllers/traefik-middleware.yaml';
import traefikGood from '../../examples/controllers/traefik-middleware-good.yaml';
import istioBroken from '../../examples/controllers/istio-virtualservice.yaml';
import istioGood from '../../examples/controllers/istio-virtualservice-good.yaml';
import gatewayBroken from '../../examples/controllers/gateway-api-httproute.yaml';
import gatewayGood from '../../examples/controllers/gateway-api-httproute-good.yaml';

export interface Example {
  id: string;
  label: string;
  /** The file name the example is linted as (environment detection reads path tokens such as `dev`). */
  file: string;
  text: string;
}

export interface ControllerExamples {
  id: 'ingress-nginx' | 'traefik' | 'istio' | 'gateway-api';
  label: string;
  examples: Example[];
}

export const CONTROLLERS: readonly ControllerExamples[] = [
  {
    id: 'ingress-nginx',
    label: 'ingress-nginx (vCluster Platform Helm values)',
    examples: [
      {
        id: 'broken',
        label: 'Broken: trailing slash, unquoted true, lower-case method',
        file: 'broken/vcluster-platform.yaml',
        text: nginxBroken,
      },
      { id: 'wildcard', label: 'Broken: wildcard origin', file: 'broken/platform-values-wildcard.yaml', text: nginxWildcard },
      { id: 'loft', label: 'Broken: loft.yaml', file: 'broken/loft.yaml', text: nginxLoft },
      { id: 'good', label: 'Correct production values', file: 'vcluster-platform.yaml', text: nginxGood },
      { id: 'dev', label: 'Development values (localhost allowed)', file: 'dev/vcluster-platform.dev.yaml', text: nginxDev },
    ],
  },
  {
    id: 'traefik',
    label: 'Traefik (Middleware)',
    examples: [
      { id: 'broken', label: 'Broken: * with credentials, localhost', file: 'traefik-middleware.yaml', text: traefikBroken },
      { id: 'good', label: 'Correct Middleware', file: 'traefik-middleware-good.yaml', text: traefikGood },
    ],
  },
  {
    id: 'istio',
    label: 'Istio (VirtualService corsPolicy)',
    examples: [
      { id: 'broken', label: 'Broken VirtualService', file: 'istio-virtualservice.yaml', text: istioBroken },
      { id: 'good', label: 'Correct VirtualService', file: 'istio-virtualservice-good.yaml', text: istioGood },
    ],
  },
  {
    id: 'gateway-api',
    label: 'Gateway API (HTTPRoute CORS filter)',
    examples: [
      { id: 'broken', label: 'Broken HTTPRoute', file: 'gateway-api-httproute.yaml', text: gatewayBroken },
      { id: 'good', label: 'Correct HTTPRoute', file: 'gateway-api-httproute-good.yaml', text: gatewayGood },
    ],
  },
];
