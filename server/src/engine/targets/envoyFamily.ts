/** The collectors of the Envoy-based controllers with their own CRDs: Envoy Gateway, Contour, Emissary-ingress. */
import { envoyGatewayTargets } from './envoyGateway';
import { contourTargets } from './contour';
import { emissaryTargets } from './emissary';

export const envoyFamilyCollectors = [envoyGatewayTargets, contourTargets, emissaryTargets];
