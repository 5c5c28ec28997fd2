/**
 * The engine's public API, for the CLI, the language server and other embedders.
 * Everything here is pure TypeScript (no LSP or VS Code imports).
 */
export * from './types';
export { lintText, YAML_SYNTAX, UNUSED_DISABLE } from './lint';
export { fixText, fixTextSteps, hasSyntaxError, DEFAULT_MAX_FIX_PASSES } from './fixAll';
export type { FixTextOptions, FixTextResult, FixStopReason } from './fixAll';
export { applyEdits, preferredFixes, selectNonOverlapping, minimalEdit } from './fix/apply';
export { LineIndex } from './parse/positions';
export { PieceText, PIECES_MIN_LENGTH, flat, type TextLike } from './util/pieceText';
export { firstAbove } from './util/sorted';
export { INCREMENTAL_MIN_LENGTH, ParseCache, noteEdit } from './parse/incremental';
export { rules, ruleById, ruleIds } from './rules/registry';
export { docsUrl, DOCS_BASE } from './rules/rule';
export { q, codeSpan, qList } from './util/markdown';
export { humanSeconds } from './rules/_lists';
export type { Rule, RuleMeta } from './rules/rule';
export { PROFILES, CONTROLLERS } from './policy/profiles';
export { planCorsBlock, corsBlockEntries, CorsBlockError, BLOCK_HEADERS, BLOCK_MAX_AGE, BLOCK_METHODS } from './fix/corsBlock';
export type { CorsBlockPlan } from './fix/corsBlock';
export type { ControllerProfile } from './policy/profiles';
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

export { computePolicies } from './policies';
export type { PoliciesResult } from './policies';

export { simulate, NOT_ACCESS_CONTROL } from './simulate';
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
export type {
  DefaultOrigin,
  VerifyPrediction,
  VerifyCompareInput,
  VerifyDifference,
  VerifyField,
  ObservedResponse,
  PredictedPreflight,
} from './verify';
export * from './helm';
export { releaseFiles, releaseIncludes, releaseSources, setArgument, yamlFilesUnder } from './config/releases';
export type { ReleaseConfig, DirEntry } from './config/releases';

export {
  migrate,
  isMigrationTarget,
  MIGRATION_TARGETS,
  MIGRATION_SOURCES,
  MigrateUsageError,
  formatDiff,
  renderFile,
  renderStdout,
  diffHeaderComment,
  controllerLabel,
  cachedSeconds,
  PLATFORM_DEFAULTS,
} from './migrate';
export type {
  MigrateInput,
  MigrateResult,
  MigrateOptions,
  Migration,
  MigrationTargetId,
  GeneratedFile,
  IntendedChange,
  BehaviourDiff,
  BehaviourDifference,
  DiffField,
  ProbeRequest,
} from './migrate';
export { controllerStatus } from './migrate/controllers';

/* What the adapters (language server, command line, client) read besides the above: they import only this file. */
export { looksLikeCorsConfig, looksLikeCorsManifest } from './targets/sniff';
export { looksLikeValuesDocument, NGINX_PREFIX } from './targets/valuesFile';
export { globMatcher, matchingGlob } from './config/globs';
export { VALUES_FILE_GLOBS } from './config/valuesGlobs';
export { parseDirectives } from './config/suppressions';
export { entryProblem } from './rules/invalid-origin';
export { ingressNginxDetails } from './policy/ingressNginx';
export { CORS_SUFFIXES, DEFAULT_HEADERS, DEFAULT_MAX_AGE, DEFAULT_METHODS } from './policy/ingressNginxModel';
export type { CorsSuffix } from './policy/ingressNginxModel';
export {
  readControllers,
  mergeControllers,
  withControllerDefaults,
  controllerVersion,
  ingressNginxDefaults,
  atLeast,
} from './config/controllers';
export type { ControllerSettings, ControllerVersion, IngressNginxDefaults } from './config/controllers';
