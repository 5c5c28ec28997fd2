/** CORS simulation: what the controller sends for a request and whether a browser lets the page read it. */
export { simulate } from './simulate';
export type { SimulationRequest, SimulationResult, SimulatedResponse, Verdict } from './simulate';
export { controllerResponse, buildOriginRegex, goQuoteMeta, ingressNginxOriginRegex, ingressNginxOriginRegexSource } from './controller';
export type { ControllerRequest, ControllerResponse, ResponseStatus } from './controller';
export { corsUnsafeHeaderNames, isForbiddenRequestHeader, isSafelistedRequestHeader, normalizeMethod, parseTokenList } from './fetch';

/** Said wherever a policy that sends CORS headers is shown (policy, simulate, hover): issue 11, item 6. */
export const NOT_ACCESS_CONTROL =
  'CORS is not access control: requests from other origins still reach the API; only the browser hides the response.';
