/** The writers, one per target controller. Adding a target = one module here plus its entry below. */
import type { Controller } from '../../types';
import type { Writer } from './types';
import { gatewayApiWriter } from './gatewayApi';
import { traefikWriter } from './traefik';
import { istioWriter } from './istio';
import { ingressNginxWriter } from './ingressNginx';
import { envoyGatewayWriter } from './envoyGateway';

export const WRITERS: Partial<Record<Controller, Writer>> = {
  'gateway-api': gatewayApiWriter,
  traefik: traefikWriter,
  istio: istioWriter,
  'envoy-gateway': envoyGatewayWriter,
  'ingress-nginx': ingressNginxWriter,
};

/** Target ids `migrate --to` accepts, in help order. */
export const MIGRATION_TARGETS = Object.keys(WRITERS) as Controller[];
export type { Writer };
