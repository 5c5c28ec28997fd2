/**
 * The engine's browser facade (the playground, any web embedder): the pure part of index.ts. It leaves out
 * only what reads files (config lookup, `loadConfigFile`), so nothing here imports a Node built-in; the
 * playground build (scripts/playground.mjs, esbuild `platform: 'browser'`) fails if one sneaks in.
 */
export * from './types';
export { lintText, YAML_SYNTAX, UNUSED_DISABLE } from './lint';
export { fixText, fixTextSteps, hasSyntaxError, DEFAULT_MAX_FIX_PASSES } from './fixAll';
export type { FixTextOptions, FixTextResult, FixStopReason } from './fixAll';
export { applyEdits, preferredFixes, selectNonOverlapping, minimalEdit } from './fix/apply';
export { LineIndex } from './parse/positions';
export { rules, ruleById, ruleIds } from './rules/registry';
export { docsUrl, DOCS_BASE } from './rules/rule';
export type { Rule, RuleMeta } from './rules/rule';
export { DEFAULT_CONFIG } from './config/defaults';
export type { ResolvedConfig } from './config/config';
export { detectEnvironment } from './config/environment';
export type { EnvironmentDecision } from './config/environment';
export { computePolicies } from './policies';
export type { PoliciesResult } from './policies';
export { simulate, NOT_ACCESS_CONTROL } from './simulate';
export type { SimulationRequest, SimulationResult, SimulatedResponse, Verdict, ResponseStatus } from './simulate';
