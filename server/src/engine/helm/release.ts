/**
 * Linting a Helm release: the merged values of all its sources, with every finding in the file (or
 * flag) that wrote the effective value.
 *
 * Per file: parse once; the rules that look at the file itself (yaml-syntax, duplicate-key, schema outside
 * the CORS blocks) run on it alone. The merged values (merge.ts) are written back as one YAML text
 * (synth.ts) and every other rule runs on that text; each finding, its fixes and related locations are
 * mapped back through the source map. Suppression comments and unused-disable then apply per file.
 * A value a later file overrides never reaches the merged text, so it gets no finding.
 */
import { LineCounter } from 'yaml';
import type { Environment, Finding, Fix, LintResult, RelatedInfo, Severity } from '../types';
import { applySuppressions, lintText } from '../lint';
import { LineIndex } from '../parse/positions';
import { DEFAULT_CONFIG, type ResolvedConfig } from '../config/config';
import { detectEnvironment } from '../config/environment';
import { ruleById, rules } from '../rules/registry';
import type { ParseCache } from '../parse/incremental';
import { chartDefaultsYaml, CHART_DEFAULTS_NAME } from './chartDefaults';
import { mergeValues, readValuesFile, type MergedValues, type ValuesSource } from './merge';
import { entryAt, type HMap, type Origin } from './tree';
import { mapRange, synthesize, type Synthesized } from './synth';

/** Rules that judge a file on its own (its YAML, its keys); everything else judges the merged release. */
const FILE_LOCAL = new Set(['yaml-syntax', 'duplicate-key', 'schema']);
export const RELEASE_VALUES = 'release-values';
export const REUSED_ANNOTATION = 'reused-annotation';
const RELEASE_ONLY = new Set([RELEASE_VALUES, REUSED_ANNOTATION]);
/** A release's values are the vCluster Platform chart's: its defaults come first in the merge. */
const PLATFORM_RELEASE = 'a release of the vCluster Platform chart';

/** The keys under which the CORS rules read annotations (root or umbrella). */
const ANNOTATION_PATHS: readonly (readonly string[])[] = [
  ['ingress', 'annotations'],
  ['commonAnnotations'],
  ...['vcluster-platform', 'loft'].flatMap((u) => [
    [u, 'ingress', 'annotations'],
    [u, 'commonAnnotations'],
  ]),
];
const RELEVANT_PATHS: readonly (readonly string[])[] = [
  ['ingress'],
  ['commonAnnotations'],
  ['vcluster-platform', 'ingress'],
  ['vcluster-platform', 'commonAnnotations'],
  ['loft', 'ingress'],
  ['loft', 'commonAnnotations'],
];

export interface ReleaseLintOptions {
  /** Release name (as in `helm upgrade NAME`, or the `releases[].name` of the config). */
  name: string;
  /** Values files and flags in the order given; Helm's order is applied (files, --set-json, --set, --set-string). */
  sources: ValuesSource[];
  config?: ResolvedConfig;
  environment?: Environment;
  /** Chart version whose `ingress` defaults come first (default: the newest known). */
  chartVersion?: string;
  /** Per-file incremental parse caches (the language server's), by source index. */
  parseCaches?: ReadonlyMap<number, ParseCache>;
}

export interface ReleaseLintResult {
  name: string;
  /** Source 0 is the chart defaults; then the given sources, same order. */
  sources: ValuesSource[];
  /** Indexes of `sources` in the order Helm applies them. */
  order: number[];
  /** One result per source (undefined for the chart defaults); flags get a one-line "file" (the argument). */
  results: (LintResult | undefined)[];
  merged: MergedValues;
  synthesized: Synthesized;
  /** The effective policies of the release (ranges in `synthesized.text`; see `locate`). */
  policies: LintResult['policies'];
  environment: Environment;
  environmentReason: string;
  /** Where a range of the synthesized text comes from. */
  locate(range: { start: number; end: number }): { source: number; range: { start: number; end: number } } | undefined;
}

export function isFlagSource(s: ValuesSource): boolean {
  return s.kind === 'set' || s.kind === 'set-string' || s.kind === 'set-json';
}

/** The flag as a user types it: `--set a.b=c`. */
export function sourceLabel(s: ValuesSource): string {
  if (isFlagSource(s)) return `--${s.kind} ${s.text}`;
  return s.name;
}

function onlyRules(config: ResolvedConfig, keep: (id: string) => boolean): ResolvedConfig {
  const r: ResolvedConfig['rules'] = { ...config.rules };
  for (const rule of rules) if (!keep(rule.meta.id)) r[rule.meta.id] = 'off';
  return { ...config, rules: r };
}

function severityOf(id: string, config: ResolvedConfig): Severity | 'off' {
  return config.rules[id] ?? ruleById.get(id)?.meta.defaultSeverity ?? 'error';
}

function subtreeSpan(tree: HMap, path: readonly string[]): { start: number; end: number } | undefined {
  const e = entryAt(tree, path);
  if (!e) return undefined;
  return { start: e.keyOrigin.range.start, end: Math.max(e.node.origin.range.end, e.keyOrigin.range.end) };
}

function isCorsAnnotation(key: string): boolean {
  const name = key.includes('/') ? key.slice(key.lastIndexOf('/') + 1) : key;
  return /cors/i.test(name);
}

/** What the steps of lintRelease share: the sources, the environment, and the findings gathered per source. */
interface ReleaseRun {
  options: ReleaseLintOptions;
  config: ResolvedConfig;
  sources: ValuesSource[];
  /** Indexes of the values files (and --reuse-values) in `sources`. */
  files: number[];
  environment: Environment;
  environmentReason: string;
  results: (LintResult | undefined)[];
  pending: Finding[][];
  /** Each file's values tree (null when it cannot be used as Helm values). */
  trees: Map<number, HMap | null>;
}

export function lintRelease(options: ReleaseLintOptions): ReleaseLintResult {
  const config = options.config ?? DEFAULT_CONFIG;
  const sources: ValuesSource[] = [
    { kind: 'chart-defaults', name: CHART_DEFAULTS_NAME, text: chartDefaultsYaml(options.chartVersion) },
    ...options.sources,
  ];
  const files = sources.map((s, i) => (s.kind === 'file' || s.kind === 'reuse-values' ? i : -1)).filter((i) => i >= 0);
  const last = files.length > 0 ? sources[files[files.length - 1]] : undefined;
  const envDecision = detectEnvironment(last?.name ?? options.name, last?.text ?? '', config, options.environment);
  const run: ReleaseRun = {
    options,
    config,
    sources,
    files,
    environment: envDecision.environment,
    environmentReason: envDecision.reason,
    results: sources.map(() => undefined),
    pending: sources.map(() => []),
    trees: new Map(),
  };

  lintFilesLocally(run);
  const merged = mergeValues(sources, run.trees);
  for (const p of merged.problems) {
    if (run.trees.get(p.source) === null) continue;
    const s = sources[p.source];
    const what = isFlagSource(s) ? `\`${sourceLabel(s)}\` cannot be applied` : `${s.name} cannot be used as Helm values`;
    run.pending[p.source].push(...releaseFinding(RELEASE_VALUES, config, p.range, `${what}: ${p.message}.`));
  }
  const synthesized = synthesize(merged.user);
  const lintedRelease = lintMerged(run, synthesized, last?.name ?? options.name);
  reusedAnnotationFindings(run, merged);
  finishResults(run);

  return {
    name: options.name,
    sources,
    order: merged.order,
    results: run.results,
    merged,
    synthesized,
    policies: lintedRelease.policies,
    environment: run.environment,
    environmentReason: run.environmentReason,
    locate: (range) => mapRange(synthesized, range),
  };
}

/** Each file on its own: the file-local rules, and its values tree for the merge. */
function lintFilesLocally(run: ReleaseRun): void {
  const { sources, environment, environmentReason, config, pending } = run;
  const localConfig = onlyRules(config, (id) => FILE_LOCAL.has(id));
  for (const i of run.files) {
    const s = sources[i];
    const local = lintText(s.text, {
      filePath: s.name,
      environment,
      config: localConfig,
      rawFindings: true,
      platformValues: PLATFORM_RELEASE,
      parseCache: run.options.parseCaches?.get(i - 1),
    });
    run.results[i] = { ...local, environment, environmentReason };
    const broken = local.parsed.fatal || local.parsed.docs.some((d) => d.doc.errors.length > 0);
    const tree = broken ? null : readValuesFile(s.text, i, local.parsed);
    if (tree && 'error' in tree) {
      pending[i].push(...releaseFinding(RELEASE_VALUES, config, tree.range, `${s.name} cannot be used as Helm values: ${tree.error}.`));
      run.trees.set(i, null);
    } else run.trees.set(i, tree);
    const spans =
      tree && !('error' in tree)
        ? RELEVANT_PATHS.map((p) => subtreeSpan(tree, p)).filter((x): x is { start: number; end: number } => !!x)
        : [];
    // Schema problems inside the CORS blocks are judged on the merged values (a later file may fix them).
    for (const f of local.findings) {
      if (f.ruleId === 'schema' && spans.some((sp) => f.range.start >= sp.start && f.range.start < sp.end)) continue;
      pending[i].push(f);
    }
  }
}

/** The merged values, linted once; each finding goes to the source that wrote the value (else the last file). */
function lintMerged(run: ReleaseRun, synthesized: Synthesized, filePath: string): LintResult {
  const { sources, files } = run;
  const mergedConfig = onlyRules(run.config, (id) => !FILE_LOCAL.has(id) || id === 'schema');
  const lintedRelease = lintText(synthesized.text, {
    filePath,
    environment: run.environment,
    config: mergedConfig,
    rawFindings: true,
    fileKind: 'values',
    platformValues: PLATFORM_RELEASE,
  });
  const fallback = files.length > 0 ? files[files.length - 1] : -1;
  for (const f of lintedRelease.findings) {
    const m = mapRange(synthesized, f.range);
    const target = m ? m.source : fallback;
    if (target < 0) continue;
    const range = m ? m.range : { start: 0, end: 0 };
    const flag = isFlagSource(sources[target]);
    const fixes: Fix[] = flag ? [] : f.fixes.map((x) => mapFix(x, synthesized, target)).filter((x): x is Fix => !!x);
    const related: RelatedInfo[] = [];
    for (const r of f.related) {
      const mr = mapRange(synthesized, r.range);
      if (!mr || sources[mr.source].kind === 'chart-defaults') continue;
      related.push(
        mr.source === target
          ? { range: mr.range, message: r.message }
          : { range: mr.range, message: r.message, filePath: sourceLabel(sources[mr.source]) },
      );
    }
    run.pending[target].push({ ...f, range, fixes, related });
  }
  return lintedRelease;
}

/** --reuse-values: CORS annotations that only the previous release's values still set. */
function reusedAnnotationFindings(run: ReleaseRun, merged: MergedValues): void {
  for (const i of run.files) {
    if (run.sources[i].kind !== 'reuse-values') continue;
    const prev = run.trees.get(i);
    if (!prev) continue;
    for (const path of ANNOTATION_PATHS) {
      const m = entryAt(prev, path);
      if (!m || m.node.kind !== 'map') continue;
      for (const [key, e] of m.node.entries) {
        if (!isCorsAnnotation(key)) continue;
        const now = entryAt(merged.user, [...path, key]);
        if (!now || now.node.origin.source !== i) continue;
        const value = e.node.kind === 'scalar' ? ` (\`${String(e.node.value)}\`)` : '';
        run.pending[i].push(
          ...releaseFinding(
            REUSED_ANNOTATION,
            run.config,
            e.keyOrigin.range,
            `\`${key.slice(key.lastIndexOf('/') + 1)}\`${value} is set only by the previous release's values (--reuse-values). ` +
              `No values file sets \`${key}\` any more, but Helm keeps it: removing a key from a file does not remove it from a release ` +
              'upgraded with --reuse-values, and a null does not either on that upgrade (helm/helm#30765). Upgrade with ' +
              '--reset-then-reuse-values and set it to null, or upgrade without --reuse-values.',
          ),
        );
      }
    }
  }
}

/** The findings of each source into its result (a one-line "file" for a flag), sorted or suppressed per file. */
function finishResults(run: ReleaseRun): void {
  const { sources, results, pending } = run;
  for (let i = 1; i < sources.length; i++) {
    const s = sources[i];
    let r = results[i];
    if (!r && isFlagSource(s)) {
      if (pending[i].length === 0) continue;
      const lineCounter = new LineCounter();
      lineCounter.addNewLine(0);
      r = {
        filePath: sourceLabel(s),
        environment: run.environment,
        environmentReason: run.environmentReason,
        findings: [],
        policies: [],
        parsed: { text: s.text, lineCounter, docs: [] },
        lines: new LineIndex(s.text),
      };
      results[i] = r;
    }
    if (!r) continue;
    const findings = pending[i];
    r.findings = isFlagSource(s)
      ? findings.sort((a, b) => a.range.start - b.range.start || a.ruleId.localeCompare(b.ruleId))
      : applySuppressions(s.text, r.lines, findings, run.config);
  }
}

function releaseFinding(ruleId: string, config: ResolvedConfig, range: { start: number; end: number }, message: string): Finding[] {
  const sev = severityOf(ruleId, config);
  return sev === 'off' ? [] : [{ ruleId, severity: sev, message, range, fixes: [], related: [], unnecessary: false }];
}

function mapFix(x: Fix, s: Synthesized, target: number): Fix | undefined {
  const edits = [];
  for (const e of x.edits) {
    const m = mapRange(s, { start: e.start, end: e.end });
    if (!m || !m.exact || m.source !== target) return undefined;
    edits.push({ start: m.range.start, end: m.range.end, newText: e.newText });
  }
  return { ...x, edits };
}

/** One step of the chain that set a value: the source and where. */
export interface ChainStep {
  source: number;
  origin: Origin;
}

/**
 * Who set the value at `path` in the release, oldest first (the last step is the value that wins), or
 * undefined when no source sets it. A null at the end means a source removed the key.
 */
export function valueChain(
  r: ReleaseLintResult,
  path: readonly string[],
): { steps: ChainStep[]; value: unknown; removed: boolean } | undefined {
  const inValues = entryAt(r.merged.values, path);
  const inUser = entryAt(r.merged.user, path);
  const e = inValues ?? inUser;
  if (!e) return undefined;
  const steps = [...e.overridden, e.node.origin].map((o) => ({ source: o.source, origin: o }));
  const removed = !inValues;
  return { steps, value: inValues && inValues.node.kind === 'scalar' ? inValues.node.value : inValues ? '(a map or list)' : null, removed };
}

export { RELEASE_ONLY };
