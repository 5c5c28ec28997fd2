/**
 * The `.vcluster-cors.yaml` configuration file, shared by the CLI and the language server.
 *
 * Lookup: starting in the folder of the linted file, every folder up to the filesystem root (or up to a
 * file with `root: true`) is checked for `.vcluster-cors.yaml`, then `.vcluster-cors.yml` (when both exist
 * in one folder only `.yaml` is used). Nearer files override farther ones key by key; `rules` are merged
 * per rule id. `environments` is replaced as a whole, because its globs are relative to the folder of the
 * file that wrote them.
 *
 * Validation (configFile.ts) uses the JSON schema in schemas/vcluster-cors-config.schema.json and maps
 * every schema error back to the line and column of the offending YAML node, with readable messages.
 *
 * Caching: pass the same Map as `cache` on every call (the language server lints on every keystroke).
 * A config file is re-read only when its mtime or size changes; when no file of the chain changed,
 * resolveConfigFor returns the very same (frozen) ResolvedConfig object.
 */
import { levenshtein } from '../util/levenshtein';
import * as fs from 'fs';
import * as path from 'path';
import type { ReleaseConfig } from './releases';
import { DEFAULT_CONFIG } from './defaults';
import type { SeveritySetting } from '../types';
import { parseConfigInternal, unknownRuleProblems, type ParsedConfigFile } from './configFile';

export interface ResolvedConfig {
  rules: Record<string, SeveritySetting>;
  environments: { production: string[]; development: string[] };
  /** Whether ingress-nginx validates annotations (default true; false for ingress-nginx < v1.12). */
  annotationValidation: boolean;
  /** Optional origin allow-list (rule origin-not-allowlisted). */
  allowedOrigins?: string[];
  /** Files larger than this many bytes are not linted (default 10485760, 10 MiB). */
  maxFileSize: number;
  /** `platformValues`: globs of vCluster Platform values files whose name and keys do not say so. */
  platformValues?: string[];
  /** Folder the `platformValues` globs are relative to (the config file that wrote them). */
  platformValuesDir?: string;
  /** `files`: globs of files the folder search lints although their name and content do not reveal them. */
  fileGlobs?: string[];
  /** Folder the `files` globs are relative to (the config file that wrote them). */
  fileGlobsDir?: string;
  /** Absolute path of the config file(s) used, nearest last; [] when none. */
  files: string[];
  /**
   * Folder the environment globs are relative to: the folder of the config file whose `environments`
   * are in effect, or the folder of the nearest config file when no file sets `environments`.
   */
  baseDir?: string;
  /** The config file whose `environments` are in effect (for messages); undefined when no file sets them. */
  environmentsFile?: string;
  /**
   * Folder of the farthest config file used (the top of the chain, usually the repository root).
   * Path-token environment detection only looks at path segments below this folder.
   */
  rootDir?: string;
  /** Helm releases of the nearest config file that declares `releases` (see releases.ts). */
  releases?: ReleaseConfig[];
}

/** A problem in a config file. line and column are 1-based. */
export interface ConfigProblem {
  file: string;
  line: number;
  column: number;
  message: string;
}

export class ConfigError extends Error {
  readonly problems: ConfigProblem[];
  constructor(problems: ConfigProblem[]) {
    super(problems.map(formatConfigProblem).join('\n'));
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

export function formatConfigProblem(p: ConfigProblem): string {
  return `${p.file}:${p.line}:${p.column}: ${p.message}`;
}

export const CONFIG_FILE_NAMES: readonly string[] = ['.vcluster-cors.yaml', '.vcluster-cors.yml'];

export { DEFAULT_CONFIG };

/** What one config file sets (keys it does not set are absent). */
export type ConfigFileSettings = Partial<ResolvedConfig> & { root?: boolean };

export interface ParseConfigOptions {
  /** When given, rule ids not in this list are reported ("unknown rule"). */
  knownRuleIds?: readonly string[];
}

export interface ResolveConfigOptions extends ParseConfigOptions {
  /** Keep the same Map across calls to avoid re-reading unchanged config files. */
  cache?: ConfigCache;
}

/* ------------------------------------------------------------ load, cache */

interface FileCacheEntry {
  kind: 'file';
  mtimeMs: number;
  size: number;
  parsed: ParsedConfigFile;
}

interface ResolvedCacheEntry {
  kind: 'resolved';
  parts: ParsedConfigFile[];
  config: ResolvedConfig;
}

export type ConfigCacheEntry = FileCacheEntry | ResolvedCacheEntry;
/** Cache for parsed config files (by absolute path) and resolved configs; create one and pass it on every call. */
export type ConfigCache = Map<string, ConfigCacheEntry>;

function statFile(file: string): fs.Stats | undefined {
  try {
    const st = fs.statSync(file, { throwIfNoEntry: false });
    return st && st.isFile() ? st : undefined;
  } catch {
    return undefined;
  }
}

function readParsed(file: string, st: fs.Stats, cache: ConfigCache | undefined): ParsedConfigFile {
  const hit = cache?.get(file);
  if (hit && hit.kind === 'file' && hit.mtimeMs === st.mtimeMs && hit.size === st.size) return hit.parsed;
  let parsed: ParsedConfigFile;
  try {
    parsed = parseConfigInternal(fs.readFileSync(file, 'utf8'), file);
  } catch (e) {
    const message = `cannot read the config file: ${(e as Error).message}`;
    parsed = { file, config: {}, problems: [{ file, line: 1, column: 1, message }], ruleKeys: new Map() };
  }
  cache?.set(file, { kind: 'file', mtimeMs: st.mtimeMs, size: st.size, parsed });
  return parsed;
}

function configFileIn(dir: string): string | undefined {
  for (const name of CONFIG_FILE_NAMES) {
    const file = path.join(dir, name);
    if (statFile(file)) return file;
  }
  return undefined;
}

/** Builds the resolved config from parsed files, farthest first; throws ConfigError on any problem. */
function resolveParts(parts: ParsedConfigFile[], opts: ResolveConfigOptions): ResolvedConfig {
  if (parts.length === 0) return DEFAULT_CONFIG;
  const cacheKey = `\u0000resolved\u0000${parts.map((p) => p.file).join('\u0000')}\u0000${(opts.knownRuleIds ?? ['\u0001']).join(',')}`;
  const hit = opts.cache?.get(cacheKey);
  if (hit && hit.kind === 'resolved' && hit.parts.length === parts.length && hit.parts.every((p, i) => p === parts[i])) {
    return hit.config;
  }
  const problems: ConfigProblem[] = [];
  for (const p of parts) problems.push(...p.problems, ...unknownRuleProblems(p, opts.knownRuleIds));
  if (problems.length > 0) throw new ConfigError(problems);

  const config: ResolvedConfig = {
    rules: {},
    environments: { production: [], development: [] },
    annotationValidation: DEFAULT_CONFIG.annotationValidation,
    maxFileSize: DEFAULT_CONFIG.maxFileSize,
    files: parts.map((p) => p.file),
  };
  for (const { file, config: c } of parts) {
    if (c.rules) Object.assign(config.rules, c.rules);
    if (c.environments) {
      config.environments = { production: [...c.environments.production], development: [...c.environments.development] };
      config.environmentsFile = file;
    }
    if (c.annotationValidation !== undefined) config.annotationValidation = c.annotationValidation;
    if (c.allowedOrigins !== undefined) config.allowedOrigins = [...c.allowedOrigins];
    if (c.maxFileSize !== undefined) config.maxFileSize = c.maxFileSize;
    if (c.releases !== undefined) config.releases = c.releases;
    if (c.platformValues !== undefined) {
      config.platformValues = [...c.platformValues];
      config.platformValuesDir = path.dirname(file);
    }
    if (c.fileGlobs !== undefined) {
      config.fileGlobs = [...c.fileGlobs];
      config.fileGlobsDir = path.dirname(file);
    }
  }
  config.baseDir = path.dirname(config.environmentsFile ?? parts[parts.length - 1].file);
  config.rootDir = path.dirname(parts[0].file);
  const frozen = deepFreeze(config);
  opts.cache?.set(cacheKey, { kind: 'resolved', parts: [...parts], config: frozen });
  return frozen;
}

/** Loads an explicit config file (CLI --config FILE): no lookup, no merging. Throws ConfigError. */
export function loadConfigFile(file: string, opts: ResolveConfigOptions = {}): ResolvedConfig {
  const abs = path.resolve(file);
  const st = statFile(abs);
  if (!st) {
    const exists = fs.existsSync(abs);
    throw new ConfigError([{ file: abs, line: 1, column: 1, message: exists ? 'the config path is not a file' : 'config file not found' }]);
  }
  return resolveParts([readParsed(abs, st, opts.cache)], opts);
}

/**
 * The configuration for a linted file: config files from the file's folder upwards (stopping at
 * `root: true` or the filesystem root), merged with nearer files winning. Throws ConfigError when any
 * of them is invalid. Returns DEFAULT_CONFIG when there is none.
 */
export function resolveConfigFor(filePath: string, opts: ResolveConfigOptions = {}): ResolvedConfig {
  const nearestFirst: ParsedConfigFile[] = [];
  let dir = path.dirname(path.resolve(filePath));
  for (;;) {
    const file = configFileIn(dir);
    if (file) {
      const st = statFile(file);
      if (st) {
        const parsed = readParsed(file, st, opts.cache);
        nearestFirst.push(parsed);
        if (parsed.config.root === true) break;
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return resolveParts(nearestFirst.reverse(), opts);
}

/* ------------------------------------------------------------------ globs */

// Pure (the engine also runs in a browser): see globs.ts.
export { relativeTo, matchingGlob, isGlobMatch } from './globs';
export { parseConfigText } from './configFile';
export { originProblem } from './configMessages';

/* ------------------------------------------------------------------- util */

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as Record<string, unknown>)) deepFreeze(v);
  }
  return value;
}

export { levenshtein };
