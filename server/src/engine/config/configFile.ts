/**
 * Parsing and validating the text of one `.vcluster-cors.yaml` file (config.ts finds, merges and caches them).
 * Validation uses the JSON schema in schemas/vcluster-cors-config.schema.json (precompiled) and maps every
 * schema error back to the line and column of the offending YAML node (configMessages.ts).
 */
import type { ErrorObject, ValidateFunction } from 'ajv';
import * as generated from '../generated/validators';
import { readReleases } from './releases';
import { controllersProblems, readControllers } from './controllers';
import { LineCounter, parseDocument, isMap, isScalar } from 'yaml';
import type { Document, YAMLMap } from 'yaml';
import type { SeveritySetting } from '../types';
import type { ConfigFileSettings, ConfigProblem, ParseConfigOptions } from './config';
import {
  ENVIRONMENT_KEYS,
  ORIGIN_PATTERN,
  TOP_LEVEL_KEYS,
  additionalPropertyMessage,
  findNode,
  globProblem,
  offsetOf,
  originProblem,
  schemaErrorMessage,
  suggest,
} from './configMessages';

/** Precompiled at build time by scripts/gen-validators.mjs (allErrors, strict). */
const validateSchema = (generated as unknown as { validateConfig: ValidateFunction }).validateConfig;

interface Position {
  line: number;
  column: number;
}

export interface ParsedConfigFile {
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

/** Offsets to 1-based line and column, and the list problems are added to. */
interface Reporter {
  at(offset: number): Position;
  add(pos: Position, message: string): void;
}

export function parseConfigInternal(rawText: string, file: string): ParsedConfigFile {
  const text = rawText.charCodeAt(0) === 0xfeff ? rawText.slice(1) : rawText;
  const lineCounter = new LineCounter();
  const problems: ConfigProblem[] = [];
  const out: ParsedConfigFile = { file, config: {}, problems, ruleKeys: new Map() };
  const r: Reporter = {
    at(offset) {
      const p = lineCounter.linePos(Math.max(0, Math.min(offset, text.length)));
      return { line: p.line, column: p.col };
    },
    add: (pos, message) => problems.push({ file, line: pos.line, column: pos.column, message }),
  };
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const read = readRoot(doc, r);
  if (!read) return out;
  const { contents, root } = read;
  out.ruleKeys = ruleKeyPositions(doc, contents, r);

  /** JSON pointers (as segment lists) of invalid values, removed from `root` afterwards. */
  const prune: string[][] = [];
  const report = (segments: string[], keyOf: boolean, message: string) => {
    r.add(r.at(offsetOf(doc, contents, segments, keyOf)), message);
    prune.push(segments);
  };
  schemaProblems(doc, contents, root, report);
  extraProblems(root, report);

  for (const [segments, message] of controllersProblems(root.controllers)) report(segments, false, message);
  for (const segments of sortForRemoval(prune)) removeAt(root, segments);
  out.config = toSettings(root, file);
  problems.sort((a, b) => a.line - b.line || a.column - b.column);
  return out;
}

type Report = (segments: string[], keyOf: boolean, message: string) => void;

/** The top-level mapping as YAML and as data, or undefined (problems reported) when there is none to check. */
function readRoot(doc: Document.Parsed, r: Reporter): { contents: YAMLMap; root: Record<string, unknown> } | undefined {
  if (doc.errors.length > 0) {
    for (const e of doc.errors) r.add(r.at(e.pos[0]), `invalid YAML: ${yamlErrorMessage(e.message)}`);
    return undefined;
  }
  const contents = doc.contents;
  if (contents === null || (isScalar(contents) && contents.value === null)) return undefined; // empty file: all defaults
  if (!isMap(contents)) {
    r.add(r.at(contents.range?.[0] ?? 0), `the configuration must be a mapping of settings (${TOP_LEVEL_KEYS.join(', ')})`);
    return undefined;
  }
  try {
    return { contents, root: doc.toJS({ maxAliasCount: 100 }) as Record<string, unknown> };
  } catch (e) {
    r.add(r.at(contents.range?.[0] ?? 0), `invalid YAML: ${(e as Error).message}`);
    return undefined;
  }
}

/** Where each rule id is written (used for unknown-rule problems). */
function ruleKeyPositions(doc: Document, contents: YAMLMap, r: Reporter): Map<string, Position> {
  const ruleKeys = new Map<string, Position>();
  const rulesNode = findNode(doc, contents, ['rules']);
  if (rulesNode && isMap(rulesNode.node)) {
    for (const pair of rulesNode.node.items) {
      if (isScalar(pair.key) && pair.key.range) ruleKeys.set(String(pair.key.value), r.at(pair.key.range[0]));
    }
  }
  return ruleKeys;
}

/** The JSON schema's errors, with readable messages at the offending node. */
function schemaProblems(doc: Document, contents: YAMLMap, root: Record<string, unknown>, report: Report): void {
  if (validateSchema(root)) return;
  for (const err of selectErrors(validateSchema.errors ?? [])) {
    const segments = pointerSegments(err.instancePath);
    if (err.keyword === 'additionalProperties') {
      const name = (err.params as { additionalProperty: string }).additionalProperty;
      report([...segments, name], true, additionalPropertyMessage(segments, name));
    } else if (err.keyword === 'propertyNames') {
      const name = (err.params as { propertyName: string }).propertyName;
      report(
        [...segments, name],
        true,
        `\`${name}\` is not a valid rule id (lowercase letters, digits and dashes, starting with a letter)`,
      );
    } else {
      const node = findNode(doc, contents, segments)?.node ?? null;
      report(segments, false, schemaErrorMessage(err, segments, valueAt(root, segments), node));
    }
  }
}

/** Checks the schema cannot express: origins that pass its pattern but are not origins, globs that leave the folder. */
function extraProblems(root: Record<string, unknown>, report: Report): void {
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

export function unknownRuleProblems(parsed: ParsedConfigFile, knownRuleIds: readonly string[] | undefined): ConfigProblem[] {
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
