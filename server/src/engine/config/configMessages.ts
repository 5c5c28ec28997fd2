/**
 * Where a problem of a `.vcluster-cors.yaml` file is (the YAML node along a JSON pointer) and how it reads:
 * readable messages for the schema's errors and for the checks the schema cannot express.
 */
import { isAlias, isMap, isPair, isScalar, isSeq } from 'yaml';
import type { Document, Node, Pair } from 'yaml';
import type { ErrorObject } from 'ajv';
import configSchema from '../../../../schemas/vcluster-cors-config.schema.json';
import { levenshtein } from '../util/levenshtein';

/* ------------------------------------------------------------------ schema */

export const TOP_LEVEL_KEYS = Object.keys(configSchema.properties);
export const ENVIRONMENT_KEYS = Object.keys(configSchema.properties.environments.properties);
export const SEVERITIES: readonly string[] = configSchema.properties.rules.additionalProperties.enum;
export const ORIGIN_PATTERN = new RegExp(configSchema.properties.allowedOrigins.items.pattern);

/* ------------------------------------------------------- node positions */

interface FoundNode {
  node: Node | null;
  /** The key node when the last segment is a mapping key. */
  key: Node | null;
  /** The first alias crossed on the way (problems inside aliased content are reported at the alias). */
  alias: Node | null;
}

/** Walks the YAML AST along a JSON pointer (aliases are followed). */
export function findNode(doc: Document, contents: Node, segments: string[]): FoundNode | undefined {
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
export function offsetOf(doc: Document, contents: Node, segments: string[], keyOf: boolean): number {
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

export function additionalPropertyMessage(parent: string[], name: string): string {
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

export function schemaErrorMessage(err: ErrorObject, segments: string[], value: unknown, node: Node | null): string {
  const got = describeValue(value, node);
  const [top, second] = segments;
  const where = segments.join('.');
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

export function globProblem(glob: string): string | undefined {
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
export function suggest(name: string, candidates: readonly string[]): string | undefined {
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
