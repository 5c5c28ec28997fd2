/**
 * The engine's public API, for the CLI, the language server and other embedders.
 * Everything here is pure TypeScript (no LSP or VS Code imports).
 */
import type { EffectivePolicy, Range } from './types';
import { parseText } from './parse/parse';
import { collectTargets } from './targets';
import { policyFor } from './policy';
import { DEFAULT_CONFIG, type ResolvedConfig } from './config/config';
import { parseWithTemplates } from './parse/template';
import { noteUnknownPolicies, templateScope } from './templates';
import { declaredPlatformValues } from './config/platformValues';

export * from './types';
export { lintText, YAML_SYNTAX, UNUSED_DISABLE } from './lint';
export { fixText, fixTextSteps, hasSyntaxError, DEFAULT_MAX_FIX_PASSES } from './fixAll';
export type { FixTextOptions, FixTextResult, FixStopReason } from './fixAll';
export { applyEdits, preferredFixes, selectNonOverlapping, minimalEdit } from './fix/apply';
export { LineIndex } from './parse/positions';
export { ParseCache } from './parse/incremental';
export { rules, ruleById, ruleIds } from './rules/registry';
export { docsUrl, DOCS_BASE } from './rules/rule';
export type { Rule, RuleMeta } from './rules/rule';
export {
  resolveConfigFor,
  loadConfigFile,
  parseConfigText,
  formatConfigProblem,
  ConfigError,
  DEFAULT_CONFIG,
  CONFIG_FILE_NAMES,
} from './config/config';
export type { ResolvedConfig, ConfigProblem, ConfigCache } from './config/config';
export { detectEnvironment } from './config/environment';
export type { EnvironmentDecision } from './config/environment';

export interface PoliciesResult {
  /** The effective policy of every CORS target in the file, in file order. */
  policies: EffectivePolicy[];
  /** Set when the file does not parse cleanly: the policies describe only what could be read. */
  syntaxError?: { message: string; range: Range };
}

/**
 * The effective CORS policies of a file without running any rule (cheaper than lintText when only the
 * policy is wanted, e.g. `vcluster-cors policy`).
 */
export function computePolicies(text: string, options: { config?: ResolvedConfig; filePath?: string } = {}): PoliciesResult {
  const config = options.config ?? DEFAULT_CONFIG;
  const parsed = parseWithTemplates(text, options.filePath, (t) => parseText(t, config.maxFileSize));
  if (parsed.fatal) return { policies: [], syntaxError: { message: parsed.fatal.message, range: parsed.fatal.range } };
  const targets = collectTargets(parsed, { filePath: options.filePath, declared: declaredPlatformValues(options.filePath, config) });
  const policies = targets.map((t) => policyFor(t, config));
  noteUnknownPolicies(policies, templateScope(parsed, targets));
  const firstError = parsed.problems.find((p) => p.kind === 'error');
  return firstError ? { policies, syntaxError: { message: firstError.message, range: firstError.range } } : { policies };
}

export { simulate } from './simulate';
export type { SimulationRequest, SimulationResult, SimulatedResponse, Verdict, ResponseStatus } from './simulate';
export {
  VERIFY_PATH,
  verifyRequestHeaders,
  defaultVerifyUrl,
  defaultVerifyOrigin,
  predictVerifyPreflight,
  compareVerify,
  VERIFY_CORS_HEADERS,
  VERIFY_SHOWN_HEADERS,
} from './verify';
export type { DefaultOrigin, VerifyPrediction, VerifyCompareInput, VerifyDifference, VerifyField, ObservedResponse, PredictedPreflight } from './verify';
