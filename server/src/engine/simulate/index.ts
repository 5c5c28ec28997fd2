/** CORS simulation: what the controller sends for a request and whether a browser lets the page read it. */
export { simulate } from './simulate';
export type { SimulationRequest, SimulationResult, SimulatedResponse, Verdict } from './simulate';
export {
  controllerResponse,
  buildOriginRegex,
  goQuoteMeta,
  ingressNginxOriginRegex,
  ingressNginxOriginRegexSource,
} from './controller';
export type { ControllerRequest, ControllerResponse, ResponseStatus } from './controller';
export {
  corsUnsafeHeaderNames,
  isForbiddenRequestHeader,
  isSafelistedRequestHeader,
  normalizeMethod,
  parseTokenList,
} from './fetch';
