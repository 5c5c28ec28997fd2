/**
 * The `.vcluster-cors.yaml` configuration file, shared by the CLI and the language server.
 *
 * Lookup: starting in the folder of the linted file, every folder up to the filesystem root (or up to a
 * file with `root: true`) is checked for `.vcluster-cors.yaml`, then `.vcluster-cors.yml` (when both exist
 * in one folder only `.yaml` is used). Nearer files override farther ones key by key; `rules` are merged
 * per rule id. `environments` is replaced as a whole, because its globs are relative to the folder of the
 * file that wrote them.
 *
 * Validation uses the JSON schema in schemas/vcluster-cors-config.schema.json (compiled once) and maps
 * every schema error back to the line and column of the offending YAML node, with readable messages.
 *
 * Caching: pass the same Map as `cache` on every call (the language server lints on every keystroke).
 * A config file is re-read only when its mtime or size changes; when no file of the chain changed,
 * resolveConfigFor returns the very same (frozen) ResolvedConfig object.
 */
import { levenshtein } from '../util/levenshtein';
import * as fs from 'fs';
import * as path from 'path';
import type { ErrorObject, ValidateFunction } from 'ajv';
import * as generated from '../generated/validators';
import { readReleases, type ReleaseConfig } from './releases';
import { controllersProblems, controllersSchemaMessage, mergeControllers, readControllers, withControllerDefaults, type ControllerSettings } from './controllers';
import { DEFAULT_CONFIG } from './defaults';
import { LineCounter, parseDocument, isAlias, isMap, isPair, isScalar, isSeq } from 'yaml';
import type { Document, Node, Pair } from 'yaml';
import type { SeveritySetting } from '../types';
import configSchema from '../../../../schemas/vcluster-cors-config.schema.json';

export interface ResolvedConfig {
  rules: Record<string, SeveritySetting>;
  environments: { production: string[]; development: string[] };
  /** Whether ingress-nginx validates annotations (default: from `controllers.ingress-nginx`, true since v1.12). */
  annotationValidation: boolean;
  /** True when a config file sets `annotationValidation` (else it follows the ingress-nginx version). */
  annotationValidationSet?: boolean;
  /** `controllers`: controller versions and who reads the ingress-nginx annotations (config/controllers.ts). */
  controllers?: ControllerSettings;
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

/* ------------------------------------------------------------------ schema */

const TOP_LEVEL_KEYS = Object.keys(configSchema.properties);
const ENVIRONMENT_KEYS = Object.keys(configSchema.properties.environments.properties);
const SEVERITIES: readonly string[] = configSchema.properties.rules.additionalProperties.enum;
const ORIGIN_PATTERN = new RegExp(configSchema.properties.allowedOrigins.items.pattern);

/** Precompiled at build time by scripts/gen-validators.mjs (allErrors, strict). */
const validateSchema = (generated as unknown as { validateConfig: ValidateFunction }).validateConfig;

/* ------------------------------------------------------------------- parse */

interface Position {
  line: number;
  column: number;
}

interface ParsedConfigFile {
  file: string;
  config: ConfigFileSettings;
  problems: ConfigProblem[];
  /** Where each rule id is written (for unknown-rule problems, which depend on the caller's rule list). */
  ruleKeys: Map<string, Position>;
}

/**
 * Parses and validates the text of one config file. Problems never throw; `config` holds only the
 * settings that are valid (invalid rule ids/severities, list entries and keys are left out).
 */
export function parseConfigText(
  text: string,
  file: string,
  opts: ParseConfigOptions = {},
): { config: ConfigFileSettings; problems: ConfigProblem[] } {
  const parsed = parseConfigInternal(text, file);
  const problems = [...parsed.problems, ...unknownRuleProblems(parsed, opts.knownRuleIds)];
  return { config: parsed.config, problems };
}

function parseConfigInternal(rawText: string, file: string): ParsedConfigFile {
  const text = rawText.charCodeAt(0) === 0xfeff ? rawText.slice(1) : rawText;
  const lineCounter = new LineCounter();
  const problems: ConfigProblem[] = [];
  const ruleKeys = new Map<string, Position>();
  const out: ParsedConfigFile = { file, config: {}, problems, ruleKeys };
  const at = (offset: number): Position => {
    const p = lineCounter.linePos(Math.max(0, Math.min(offset, text.length)));
    return { line: p.line, column: p.col };
  };
  const add = (pos: Position, message: string) => problems.push({ file, line: pos.line, column: pos.column, message });

  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    for (const e of doc.errors) add(at(e.pos[0]), `invalid YAML: ${yamlErrorMessage(e.message)}`);
    return out;
  }
  const contents = doc.contents;
  if (contents === null || (isScalar(contents) && contents.value === null)) return out; // empty file: all defaults
  if (!isMap(contents)) {
    add(at(contents.range?.[0] ?? 0), `the configuration must be a mapping of settings (${TOP_LEVEL_KEYS.join(', ')})`);
    return out;
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    add(at(contents.range?.[0] ?? 0), `invalid YAML: ${(e as Error).message}`);
    return out;
  }
  const root = data as Record<string, unknown>;

  // Rule key positions (used for unknown-rule problems).
  const rulesNode = findNode(doc, contents, ['rules']);
  if (rulesNode && isMap(rulesNode.node)) {
    for (const pair of rulesNode.node.items) {
      if (isScalar(pair.key) && pair.key.range) ruleKeys.set(String(pair.key.value), at(pair.key.range[0]));
    }
  }

  /** JSON pointers (as segment lists) of invalid values, removed from `data` afterwards. */
  const prune: string[][] = [];
  const report = (segments: string[], keyOf: boolean, message: string) => {
    add(at(offsetOf(doc, contents, segments, keyOf)), message);
    prune.push(segments);
  };

  if (!validateSchema(data)) {
    for (const err of selectErrors(validateSchema.errors ?? [])) {
      const segments = pointerSegments(err.instancePath);
      if (err.keyword === 'additionalProperties') {
        const name = (err.params as { additionalProperty: string }).additionalProperty;
        report([...segments, name], true, additionalPropertyMessage(segments, name));
      } else if (err.keyword === 'propertyNames') {
        const name = (err.params as { propertyName: string }).propertyName;
        report([...segments, name], true, `\`${name}\` is not a valid rule id (lowercase letters, digits and dashes, starting with a letter)`);
      } else {
        const node = findNode(doc, contents, segments)?.node ?? null;
        report(segments, false, schemaErrorMessage(err, segments, valueAt(root, segments), node));
      }
    }
  }

  // Checks the schema cannot express.
  const origins = root.allowedOrigins;
  if (Array.isArray(origins)) {
    origins.forEach((value, i) => {
      if (typeof value !== 'string' || !ORIGIN_PATTERN.test(value)) return; // reported by the schema
      const message = originProblem(value);
      if (message) report(['allowedOrigins', String(i)], false, message);
    });
  }
  const envs = root.environments;
  if (envs && typeof envs === 'object' && !Array.isArray(envs)) {
    for (const env of ENVIRONMENT_KEYS) {
      const globs = (envs as Record<string, unknown>)[env];
      if (!Array.isArray(globs)) continue;
      globs.forEach((glob, i) => {
        if (typeof glob !== 'string' || glob.length === 0) return;
        const message = globProblem(glob);
        if (message) report(['environments', env, String(i)], false, message);
      });
    }
  }

  for (const [segments, message] of controllersProblems(root.controllers)) report(segments, false, message);
  for (const segments of sortForRemoval(prune)) removeAt(root, segments);
  out.config = toSettings(root, file);
  problems.sort((a, b) => a.line - b.line || a.column - b.column);
  return out;
}

function yamlErrorMessage(message: string): string {
  const first = message.split('\n')[0].trim();
  if (first.startsWith('Source contains multiple documents')) return 'a config file must hold a single YAML document';
  return first.replace(/ at line \d+, column \d+:?$/, '');
}

/** Drops errors that repeat another one (propertyNames reports the inner pattern error too). */
function selectErrors(errors: ErrorObject[]): ErrorObject[] {
  const seen = new Set<string>();
  const out: ErrorObject[] = [];
  for (const err of errors) {
    if ((err as ErrorObject & { propertyName?: string }).propertyName !== undefined) continue;
    const key =
      err.keyword === 'additionalProperties' || err.keyword === 'propertyNames'
        ? `${err.instancePath}\u0000key\u0000${JSON.stringify(err.params)}`
        : err.instancePath;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(err);
  }
  return out;
}

function pointerSegments(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function valueAt(root: unknown, segments: string[]): unknown {
  let cur: unknown = root;
  for (const s of segments) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[s];
  }
  return cur;
}

function removeAt(root: Record<string, unknown>, segments: string[]): void {
  if (segments.length === 0) return;
  const parent = valueAt(root, segments.slice(0, -1));
  const last = segments[segments.length - 1];
  if (Array.isArray(parent)) {
    const i = Number(last);
    if (Number.isInteger(i) && i >= 0 && i < parent.length) parent.splice(i, 1);
  } else if (parent && typeof parent === 'object') {
    Reflect.deleteProperty(parent, last);
  }
}

/** Deepest paths first, and higher list indices first, so earlier removals do not shift later ones. */
function sortForRemoval(paths: string[][]): string[][] {
  const unique = new Map<string, string[]>();
  for (const p of paths) unique.set(JSON.stringify(p), p);
  return [...unique.values()].sort((a, b) => {
    if (a.length !== b.length) return b.length - a.length;
    const ia = Number(a[a.length - 1]);
    const ib = Number(b[b.length - 1]);
    if (Number.isInteger(ia) && Number.isInteger(ib)) return ib - ia;
    return 0;
  });
}

function toSettings(root: Record<string, unknown>, file: string): ConfigFileSettings {
  const out: ConfigFileSettings = {};
  if (isPlainObject(root.rules)) out.rules = { ...(root.rules as Record<string, SeveritySetting>) };
  if (isPlainObject(root.environments)) {
    const e = root.environments as { production?: string[]; development?: string[] };
    out.environments = { production: [...(e.production ?? [])], development: [...(e.development ?? [])] };
  }
  if (typeof root.annotationValidation === 'boolean') out.annotationValidation = root.annotationValidation;
  const controllers = readControllers(root.controllers);
  if (controllers) out.controllers = controllers;
  if (Array.isArray(root.allowedOrigins)) out.allowedOrigins = [...(root.allowedOrigins as string[])];
  if (typeof root.maxFileSize === 'number') out.maxFileSize = root.maxFileSize;
  if (Array.isArray(root.platformValues)) out.platformValues = [...(root.platformValues as string[])];
  if (Array.isArray(root.files)) out.fileGlobs = [...(root.files as string[])];
  if (typeof root.root === 'boolean') out.root = root.root;
  const releases = readReleases(root.releases, file);
  if (releases) out.releases = releases;
  return out;
}

function isPlainObject(v: unknown): boolean {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/* ------------------------------------------------------- node positions */

interface FoundNode {
  node: Node | null;
  /** The key node when the last segment is a mapping key. */
  key: Node | null;
  /** The first alias crossed on the way (problems inside aliased content are reported at the alias). */
  alias: Node | null;
}

/** Walks the YAML AST along a JSON pointer (aliases are followed). */
function findNode(doc: Document, contents: Node, segments: string[]): FoundNode | undefined {
  let cur: Node | null = contents;
  let key: Node | null = null;
  let alias: Node | null = null;
  for (const seg of segments) {
    if (cur && isAlias(cur)) {
      alias ??= cur;
      cur = (cur.resolve(doc) as Node | undefined) ?? null;
    }
    if (cur && isMap(cur)) {
      const items: Pair[] = cur.items;
      const pair = items.find((p) => isPair(p) && keyText(p.key) === seg);
      if (!pair) return undefined;
      key = (pair.key as Node | null) ?? null;
      cur = (pair.value as Node | null) ?? null;
    } else if (cur && isSeq(cur)) {
      const item: unknown = cur.items[Number(seg)];
      if (item === undefined) return undefined;
      key = null;
      cur = (item as Node | null) ?? null;
    } else {
      return undefined;
    }
  }
  return { node: cur, key, alias };
}

function keyText(key: unknown): string | undefined {
  if (isScalar(key)) return String(key.value);
  return undefined;
}

/**
 * Offset to report for a pointer: the key node when asked for (or when the value is empty), else the
 * value node; falls back to the closest ancestor that exists.
 */
function offsetOf(doc: Document, contents: Node, segments: string[], keyOf: boolean): number {
  for (let n = segments.length; n >= 0; n--) {
    const found = findNode(doc, contents, segments.slice(0, n));
    if (!found) continue;
    const { node, key, alias } = found;
    if (alias?.range) return alias.range[0];
    const emptyValue = !node || (isScalar(node) && node.value === null && node.range && node.range[0] === node.range[1]);
    if ((keyOf || emptyValue) && key?.range) return key.range[0];
    if (node?.range) return node.range[0];
    if (key?.range) return key.range[0];
  }
  return 0;
}

/* ---------------------------------------------------------------- messages */

function additionalPropertyMessage(parent: string[], name: string): string {
  if (parent.length === 0) {
    const hint = suggest(name, TOP_LEVEL_KEYS);
    return hint
      ? `\`${name}\` is not a configuration key; did you mean \`${hint}\`?`
      : `\`${name}\` is not a configuration key (expected one of ${TOP_LEVEL_KEYS.join(', ')})`;
  }
  if (parent.length === 1 && parent[0] === 'environments') {
    const hint = suggest(name, ENVIRONMENT_KEYS);
    return hint
      ? `\`${name}\` is not an environment; did you mean \`${hint}\`?`
      : `\`${name}\` is not an environment (expected production or development)`;
  }
  return `\`${name}\` is not allowed in \`${parent.join('.')}\``;
}

function describeValue(value: unknown, node: Node | null): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (node && isScalar(node)) {
    if (node.type === 'QUOTE_DOUBLE') return `\`${JSON.stringify(String(value))}\``;
    if (node.type === 'QUOTE_SINGLE') return `\`'${String(value).replace(/'/g, "''")}'\``;
    if (typeof node.source === 'string') return `\`${node.source}\``;
  }
  return `\`${String(value)}\``;
}

function schemaErrorMessage(err: ErrorObject, segments: string[], value: unknown, node: Node | null): string {
  const got = describeValue(value, node);
  const [top, second] = segments;
  const where = segments.join('.');
  if (top === 'controllers') {
    const m = controllersSchemaMessage(segments, err.keyword, got, value);
    if (m) return m;
  }
  if (top === 'rules' && segments.length === 2 && err.keyword === 'enum') {
    return `severity must be one of ${SEVERITIES.join(', ')} (got ${got})`;
  }
  if (top === 'allowedOrigins' && segments.length === 2) {
    if (err.keyword === 'pattern' && typeof value === 'string') return originProblem(value) ?? genericOriginMessage(value);
    if (err.keyword === 'type') return `an allowed origin must be a string such as \`https://dashboard.example.com\` (got ${got})`;
  }
  if (top === 'environments' && segments.length === 3) {
    if (err.keyword === 'minLength') return `an empty glob matches nothing; remove it`;
    if (err.keyword === 'type') return `a glob must be a string (got ${got})`;
  }
  if (err.keyword === 'type') {
    switch (where) {
      case 'rules':
        return `\`rules\` must be a mapping of rule id to severity (got ${got})`;
      case 'environments':
        return `\`environments\` must be a mapping with \`production\` and/or \`development\` glob lists (got ${got})`;
      case 'allowedOrigins':
        return `\`allowedOrigins\` must be a list of origins (got ${got})`;
      case 'annotationValidation':
      case 'root':
        return `\`${where}\` must be true or false (got ${got})`;
      case 'maxFileSize':
        return `\`maxFileSize\` must be a whole number of bytes (got ${got})`;
    }
    if (top === 'environments' && second !== undefined && segments.length === 2) {
      return `\`environments.${second}\` must be a list of path globs (got ${got})`;
    }
  }
  if (where === 'maxFileSize' && err.keyword === 'minimum') return `\`maxFileSize\` must be at least 1 byte (got ${got})`;
  return `\`${where}\` ${err.message ?? 'is invalid'} (got ${got})`;
}

function genericOriginMessage(value: string): string {
  return `allowed origin \`${value}\` must look like \`scheme://host[:port]\` or \`scheme://*.domain\``;
}

/**
 * Why an allowed-origin entry is not an origin (undefined when it is fine). Agrees with the schema
 * pattern and also checks the port range.
 */
export function originProblem(value: string): string | undefined {
  const v = value;
  if (v.trim() !== v) return `allowed origin \`${v}\` has leading or trailing spaces`;
  if (v === '*') return 'allowed origin `*` is not an origin; list the origins to allow as `scheme://host[:port]`';
  const m = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/?#]*)(.*)$/s.exec(v);
  if (!m) {
    if (/^[^:/\s]+(:\d+)?$/.test(v)) return `allowed origin \`${v}\` has no scheme; write \`https://${v}\``;
    return genericOriginMessage(v);
  }
  const [, scheme, authority, rest] = m;
  const bare = `${scheme}://${authority}`;
  if (rest === '/') return `allowed origin \`${v}\` must not end with \`/\`; write \`${bare}\``;
  if (rest.startsWith('/')) return `allowed origin \`${v}\` has a path; an origin is \`scheme://host[:port]\`, write \`${bare}\``;
  if (rest !== '') return `allowed origin \`${v}\` has a query or fragment; write \`${bare}\``;
  if (authority.includes('@')) return `allowed origin \`${v}\` has user info; an origin is \`scheme://host[:port]\``;
  if (authority.includes('*') && !/^\*\.[^*]+$/.test(authority)) {
    return `allowed origin \`${v}\`: a wildcard must be the whole first label, as in \`${scheme}://*.example.com\``;
  }
  if (!ORIGIN_PATTERN.test(v)) return genericOriginMessage(v);
  const port = /:(\d+)$/.exec(authority);
  if (port && (Number(port[1]) < 1 || Number(port[1]) > 65535)) return `allowed origin \`${v}\` has port ${port[1]}, outside 1-65535`;
  return undefined;
}

function globProblem(glob: string): string | undefined {
  const body = glob.startsWith('!') ? glob.slice(1) : glob;
  if (body.startsWith('/') || /^[A-Za-z]:[\\/]/.test(body)) {
    return `glob \`${glob}\` is absolute; environment globs are relative to the folder of this config file`;
  }
  if (body === '..' || body.startsWith('../')) {
    return `glob \`${glob}\` points outside the folder of this config file; put the globs in a config file further up`;
  }
  return undefined;
}

/** The candidate within Levenshtein distance 2 (closest first), or the one `name` is a prefix of (3+ chars). */
function suggest(name: string, candidates: readonly string[]): string | undefined {
  const lower = name.toLowerCase();
  let best: string | undefined;
  let bestDistance = 3;
  for (const c of candidates) {
    const d = levenshtein(lower, c.toLowerCase());
    if (d < bestDistance) {
      bestDistance = d;
      best = c;
    }
  }
  if (best) return best;
  if (lower.length >= 3) {
    const prefixed = candidates.filter((c) => c.toLowerCase().startsWith(lower));
    if (prefixed.length === 1) return prefixed[0];
  }
  return undefined;
}

function unknownRuleProblems(parsed: ParsedConfigFile, knownRuleIds: readonly string[] | undefined): ConfigProblem[] {
  if (!knownRuleIds) return [];
  const rules = parsed.config.rules;
  if (!rules) return [];
  const out: ConfigProblem[] = [];
  for (const id of Object.keys(rules)) {
    if (knownRuleIds.includes(id)) continue;
    const pos = parsed.ruleKeys.get(id) ?? { line: 1, column: 1 };
    const hint = suggest(id, knownRuleIds);
    out.push({
      file: parsed.file,
      line: pos.line,
      column: pos.column,
      message: hint ? `unknown rule \`${id}\`; did you mean \`${hint}\`?` : `unknown rule \`${id}\``,
    });
  }
  return out;
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
    if (c.annotationValidation !== undefined) {
      config.annotationValidation = c.annotationValidation;
      config.annotationValidationSet = true;
    }
    if (c.controllers !== undefined) config.controllers = mergeControllers(config.controllers, c.controllers);
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
  const frozen = deepFreeze(withControllerDefaults(config));
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

/* ------------------------------------------------------------------- util */

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as Record<string, unknown>)) deepFreeze(v);
  }
  return value;
}

export { levenshtein };
