/**
 * One place that turns (document text, version, settings) into lint results, cached per
 * (uri, version, settings, generation). The generation moves on whenever a config file or a setting
 * changes, which invalidates every cached result at once.
 */
import {
  ParseCache,
  noteEdit,
  looksLikeCorsManifest,
  lintText,
  LineIndex,
  ConfigError,
  DEFAULT_CONFIG,
  formatConfigProblem,
  resolveConfigFor,
  type ConfigCache,
  type ResolvedConfig,
  ruleById,
  ruleIds,
  type Environment,
  type Finding,
  type LintOptions,
  type LintResult,
  type SeveritySetting,
  type TextLike,
  flat,
} from '../engine/index';
import { customizationFor, customizedSeverity, settingsKey, type Settings } from './settings';
import { mergeControllers, withControllerDefaults } from '../engine/index';
import { isUnderTemplates, isYamlDocument, looksLikeValuesDocument, matchesFiles, mayBeValuesText, uriToPath } from './selection';
import { diskText, ReleaseLinter, type ReleaseContext, type TextSource } from './release';

/**
 * Milliseconds from a fixed point, for lint timings. Not `performance.now()`: Node loads its perf_hooks module for the
 * global on first use, ~2 ms of a cold start before the first diagnostics.
 */
function nowMs(): number {
  const [s, ns] = process.hrtime();
  return s * 1e3 + ns / 1e6;
}

export interface DocumentLike {
  uri: string;
  version: number;
  languageId: string;
  getText(): string;
  /** The text as the engine reads it (a big document's pieces: lsp/textCopy.ts), when the copy has one. */
  text?(): TextLike;
}

export interface Analysis {
  uri: string;
  version: number;
  generation: number;
  settingsKey: string;
  /** The text linted (flat(text) for one string: a big document's pieces are joined then, once per version). */
  text: TextLike;
  lines: LineIndex;
  filePath: string;
  /** Whether the document is linted (a values file, linting enabled). */
  validated: boolean;
  /** Findings as shown (customized severities, `off` ones removed), in engine order. */
  findings: Finding[];
  result?: LintResult;
  /** Options the document was linted with (for fixes that re-lint). */
  options: LintOptions;
  config: ResolvedConfig;
  /** The config files could not be used (shown as a diagnostic). */
  configError?: string;
  environment: Environment;
  environmentReason: string;
  lintMs: number;
  /** Set when the file belongs to `releases:` of its config: it is linted in its release(s). */
  release?: ReleaseContext;
}

export interface AnalyzerHost {
  workspaceFolders(): readonly string[];
  log(message: string): void;
  /** Text and version of an open document by file path (other files of a release are read from disk). */
  openText?: TextSource;
  /** Where the document changed since it was last asked (lsp/documents.ts takeEdit): spares comparing whole texts. */
  editOf?(doc: DocumentLike): { before: TextLike; start: number; beforeEnd: number } | undefined;
}

/**
 * How long a file's config lookup (the config files from its folder up: a few `stat`s per folder) is reused between
 * edits. A config file the editor reports changed (workspace/didChangeWatchedFiles) or a settings change
 * invalidates it at once; other changes (a folder above the workspace, a client without file events) are seen by
 * the first lint after this time.
 */
export const CONFIG_RECHECK_MS = 1000;

/** A document's path and the tests of preselect that depend on its path only (they do not change between edits). */
interface PathFacts {
  path: string;
  isFile: boolean;
  languageId: string;
  yaml: boolean;
  templates: boolean;
  /** matchesFiles for these `files` globs and workspace folders (by identity: both change as new arrays). */
  globs?: readonly string[];
  folders?: readonly string[];
  matches?: boolean;
}

export class Analyzer {
  readonly configCache: ConfigCache = new Map();
  private readonly paths = new Map<string, PathFacts>();
  private readonly lookups = new Map<string, { at: number; base: ResolvedConfig; error?: string }>();
  private readonly cache = new Map<string, Analysis>();
  /** Incremental-parse caches, one per open document (big files re-parse only the blocks an edit touched). */
  private readonly parseCaches = new Map<string, ParseCache>();
  private readonly derived = new WeakMap<ResolvedConfig, Map<string, ResolvedConfig>>();
  /** The last config withSettings made for a settings object, and the base it was made from. */
  private readonly lastWith = new WeakMap<Settings, { base: ResolvedConfig; config: ResolvedConfig }>();
  private gen = 0;
  readonly releases: ReleaseLinter;
  private readonly members = new Map<string, string[]>();

  constructor(private readonly host: AnalyzerHost) {
    this.releases = new ReleaseLinter((p) => host.openText?.(p) ?? diskText(p));
  }

  get generation(): number {
    return this.gen;
  }

  /** Config files or settings changed: forget everything. */
  invalidate(): void {
    this.gen++;
    this.configCache.clear();
    this.lookups.clear();
    this.cache.clear();
    this.releases.invalidate();
  }

  forget(uri: string): void {
    this.cache.delete(uri);
    this.paths.delete(uri);
    this.parseCaches.delete(uri);
    this.members.delete(uri);
  }

  /** The text of `uri` changed without a new version (a re-sync): its cached result is stale. */
  forgetResult(uri: string): void {
    this.cache.delete(uri);
  }

  /** The files of the releases the document belonged to when last analyzed (kept across edits). */
  releaseMembersOf(uri: string): readonly string[] | undefined {
    return this.members.get(uri);
  }

  cached(uri: string): Analysis | undefined {
    return this.cache.get(uri);
  }

  /** The analysis of a document at its current version (computed when not cached). `fresh` tells whether it was computed now. */
  analyze(doc: DocumentLike, settings: Settings): { analysis: Analysis; fresh: boolean } {
    const key = settingsKey(settings);
    const hit = this.cache.get(doc.uri);
    const depsOk = !hit?.release || this.releases.depsKey(hit.release.members) === hit.release.depsKey;
    if (hit && hit.version === doc.version && hit.generation === this.gen && hit.settingsKey === key && depsOk)
      return { analysis: hit, fresh: false };
    const analysis = this.compute(doc, settings, key);
    this.cache.set(doc.uri, analysis);
    if (analysis.release) this.members.set(doc.uri, analysis.release.members);
    else this.members.delete(doc.uri);
    return { analysis, fresh: true };
  }

  /**
   * Whether a document may be linted, before parsing: 'yes' (enabled YAML file matching the `files` globs),
   * 'no', or 'content' (decided by the first document's keys once the file is parsed).
   */
  preselect(where: PathFacts, settings: Settings, content: TextLike): 'yes' | 'no' | 'content' | 'manifest' {
    if (!settings.enable || !where.yaml || where.templates) return 'no';
    const folders = this.host.workspaceFolders();
    if (where.globs !== settings.files || where.folders !== folders) {
      where.globs = settings.files;
      where.folders = folders;
      where.matches = matchesFiles(where.path, settings.files, folders);
    }
    if (where.matches) return 'yes';
    // Traefik/Istio/Gateway API/Ingress manifests that configure CORS are linted wherever they are.
    const text = flat(content);
    if (looksLikeCorsManifest(text)) return 'manifest';
    return mayBeValuesText(text) ? 'content' : 'no';
  }

  /** The resolved config for a file, with the editor settings applied on top. */
  configFor(filePath: string, isFile: boolean, settings: Settings): { config: ResolvedConfig; error?: string } {
    let base: ResolvedConfig = DEFAULT_CONFIG;
    let error: string | undefined;
    const now = nowMs();
    const hit = isFile ? this.lookups.get(filePath) : undefined;
    if (hit && now - hit.at < CONFIG_RECHECK_MS) {
      base = hit.base;
      error = hit.error;
    } else if (isFile) {
      try {
        base = resolveConfigFor(filePath, { cache: this.configCache, knownRuleIds: ruleIds });
      } catch (e) {
        if (e instanceof ConfigError) {
          error = `The vcluster-cors configuration cannot be used (defaults apply until it is fixed):\n${e.problems.map(formatConfigProblem).join('\n')}`;
        } else {
          error = `The vcluster-cors configuration cannot be read: ${(e as Error).message}`;
        }
        this.host.log(error);
      }
      if (this.lookups.size >= 1000) this.lookups.clear();
      this.lookups.set(filePath, { at: now, base, error });
    }
    return { config: this.withSettings(base, settings), error };
  }

  private withSettings(base: ResolvedConfig, settings: Settings): ResolvedConfig {
    // Asked on every edit with the same base and settings objects (neither changes once made).
    const last = this.lastWith.get(settings);
    if (last?.base === base) return last.config;
    const config = this.deriveWith(base, settings);
    this.lastWith.set(settings, { base, config });
    return config;
  }

  private deriveWith(base: ResolvedConfig, settings: Settings): ResolvedConfig {
    const off = ruleIds.filter((id) => customizationFor(id, settings.customizations) === 'off');
    // A rule that is off by default (no-vary-origin) is turned on by a customization naming a severity.
    const on = ruleIds.flatMap((id) => {
      const c = customizationFor(id, settings.customizations);
      return (c === 'error' || c === 'warning' || c === 'info') && !base.rules[id] && offByDefault(id) ? [[id, c] as const] : [];
    });
    const av = settings.annotationValidation;
    const ctl = settings.controllers;
    if (off.length === 0 && on.length === 0 && !ctl && (av === null || av === base.annotationValidation)) return base;
    const key = `${off.join(',')}|${on.map((x) => x.join('=')).join(',')}|${av}|${JSON.stringify(ctl ?? null)}`;
    let m = this.derived.get(base);
    if (!m) this.derived.set(base, (m = new Map<string, ResolvedConfig>()));
    let c = m.get(key);
    if (!c) {
      const rules: Record<string, SeveritySetting> = { ...base.rules };
      for (const id of off) rules[id] = 'off';
      for (const [id, sev] of on) rules[id] = sev;
      const controllers = ctl ? mergeControllers(base.controllers, ctl) : base.controllers;
      const set = av !== null || base.annotationValidationSet;
      c = Object.freeze(
        withControllerDefaults({
          ...base,
          rules,
          controllers,
          annotationValidation: av ?? base.annotationValidation,
          annotationValidationSet: set,
        }),
      );
      m.set(key, c);
    }
    return c;
  }

  private pathOf(doc: DocumentLike): PathFacts {
    let where = this.paths.get(doc.uri);
    if (!where || where.languageId !== doc.languageId) {
      const { path: p, isFile } = uriToPath(doc.uri);
      where = { path: p, isFile, languageId: doc.languageId, yaml: isYamlDocument(doc.languageId, p), templates: isUnderTemplates(p) };
      if (this.paths.size >= 1000) this.paths.clear();
      this.paths.set(doc.uri, where);
    }
    return where;
  }

  private compute(doc: DocumentLike, settings: Settings, key: string): Analysis {
    const text = doc.text ? doc.text() : doc.getText();
    const where = this.pathOf(doc);
    const { path: filePath, isFile } = where;
    const forced = settings.environment === 'auto' ? undefined : settings.environment;
    const base = {
      uri: doc.uri,
      version: doc.version,
      generation: this.gen,
      settingsKey: key,
      text,
      filePath,
    };
    const t0 = nowMs();
    let lazyLines: LineIndex | undefined;
    const notLinted = (): Analysis => ({
      ...base,
      // Only code paths that bail out early read it: build it on demand.
      get lines() {
        return (lazyLines ??= new LineIndex(flat(text)));
      },
      validated: false,
      findings: [],
      options: { filePath, environment: forced },
      config: DEFAULT_CONFIG,
      environment: forced ?? 'production',
      environmentReason: forced ? 'set by the `vclusterCors.environment` setting' : 'not linted',
      lintMs: nowMs() - t0,
    });
    const pre = this.preselect(where, settings, text);
    const releaseCandidate = isFile && settings.enable && where.yaml && !where.templates;
    if (pre === 'no' && !releaseCandidate) return notLinted();
    const { config, error } = this.configFor(filePath, isFile, settings);
    // A file of `releases:` is linted in its release(s), whatever its name.
    const release = releaseCandidate ? this.releases.contextFor(filePath, config, forced) : undefined;
    if (release) {
      const findings = customized(release.findings, settings);
      return {
        ...base,
        lines: release.result.lines,
        validated: true,
        findings,
        // The policies of a release live in its merged values, not in this file: the per-file hover shows none.
        result: { ...release.result, policies: [] },
        options: { filePath, environment: forced, config },
        config,
        configError: error,
        environment: release.result.environment,
        environmentReason: forced
          ? 'set by the `vclusterCors.environment` setting'
          : `release ${release.entries.map((e) => e.release.name).join(', ')}: ${release.result.environmentReason}`,
        lintMs: nowMs() - t0,
        release,
      };
    }
    if (pre === 'no') return notLinted();
    let parseCache = this.parseCaches.get(doc.uri);
    if (!parseCache) this.parseCaches.set(doc.uri, (parseCache = new ParseCache()));
    const options: LintOptions = { filePath, environment: forced, config };
    const edit = this.host.editOf?.(doc);
    if (edit) noteEdit(edit.before, text, edit.start, edit.beforeEnd);
    const result = lintText(text, { ...options, parseCache });
    // Decided by content: the first document must look like the chart's values (one parse, shared with the lint).
    if (pre === 'content' && !looksLikeValuesDocument(result.parsed.docs[0]?.doc.contents)) return notLinted();
    const findings = customized(result.findings, settings);
    return {
      ...base,
      lines: result.lines,
      validated: true,
      findings,
      result,
      options,
      config,
      configError: error,
      environment: result.environment,
      environmentReason: forced ? 'set by the `vclusterCors.environment` setting' : result.environmentReason,
      lintMs: nowMs() - t0,
    };
  }
}

/** The findings with the severities of the `vclusterCors.rules` customizations (`off` ones left out). */
function customized(findings: readonly Finding[], settings: Settings): Finding[] {
  const out: Finding[] = [];
  for (const f of findings) {
    const sev = customizedSeverity(f.severity, customizationFor(f.ruleId, settings.customizations));
    if (sev !== 'off') out.push(sev === f.severity ? f : { ...f, severity: sev });
  }
  return out;
}

/** A rule that reports nothing unless configured (off in every environment). */
function offByDefault(id: string): boolean {
  const env = ruleById.get(id)?.meta.environments;
  return env?.production === 'off' && env.development === 'off';
}
