/** Helm releases: values merge with provenance, `--set` grammar, chart defaults, release linting. */
export { applySetFlag, SetParseError, MAX_INDEX, MAX_NESTED_NAME_LEVEL } from './strvals';
export type { SetMode } from './strvals';
export { mergeValues, mergeInto, coalesceInto, helmOrder, readValuesFile } from './merge';
export type { ValuesSource, ValuesSourceKind, MergedValues, MergeProblem } from './merge';
export { toPlain, entryAt, fromYaml } from './tree';
export type { HNode, HMap, HList, HScalar, HEntry, Origin } from './tree';
export { synthesize, mapRange } from './synth';
export type { Synthesized, Segment } from './synth';
export { CHART_DEFAULTS, chartIngressDefaults, chartDefaultsYaml, CHART_DEFAULTS_NAME } from './chartDefaults';
export { lintRelease, valueChain, sourceLabel, isFlagSource, RELEASE_VALUES, REUSED_ANNOTATION } from './release';
export type { ReleaseLintOptions, ReleaseLintResult, ChainStep } from './release';
