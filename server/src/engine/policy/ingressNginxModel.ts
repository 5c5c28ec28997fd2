/**
 * ingress-nginx's CORS annotation pipeline (controller v1.12+; see docs/reference/ingress-nginx.md).
 * Pure functions on strings: validator step → parse step → CORS-specific step, with Go semantics.
 * No regex here can backtrack catastrophically (Go's RE2 is linear; JS regexes are not).
 */
import { goAtoi, goParseBool, goTrimSpace } from '../parse/values';

export const DEFAULT_METHODS = 'GET, PUT, POST, DELETE, PATCH, OPTIONS';
export const DEFAULT_HEADERS =
  'DNT,Keep-Alive,User-Agent,X-Requested-With,If-Modified-Since,Cache-Control,Content-Type,Range,Authorization';
export const DEFAULT_MAX_AGE = 1728000;

export const CORS_SUFFIXES = [
  'enable-cors',
  'cors-allow-origin',
  'cors-allow-methods',
  'cors-allow-headers',
  'cors-allow-credentials',
  'cors-expose-headers',
  'cors-max-age',
] as const;
export type CorsSuffix = (typeof CORS_SUFFIXES)[number];

const CORS_SUFFIX_SET: ReadonlySet<string> = new Set(CORS_SUFFIXES);
/** Whether `s` is one of the seven CORS annotation names (after the prefix). */
export function isCorsSuffix(s: string): s is CorsSuffix {
  return CORS_SUFFIX_SET.has(s);
}

/** Full key (`prefix/suffix`) → suffix, per annotation prefix (a run sees one or two prefixes). */
const keysByPrefix = new Map<string, ReadonlyMap<string, CorsSuffix>>();
/** The CORS suffix of an exact `prefix/<suffix>` key (undefined for any other key); no string is built per call. */
export function corsSuffixOfKey(prefix: string, key: string): CorsSuffix | undefined {
  let keys = keysByPrefix.get(prefix);
  if (!keys) {
    if (keysByPrefix.size > 100) keysByPrefix.clear();
    keys = new Map(CORS_SUFFIXES.map((s) => [`${prefix}/${s}`, s]));
    keysByPrefix.set(prefix, keys);
  }
  return keys.get(key);
}

/** corsOriginRegex (per entry), verbatim: ^([a-z]+://(\*\.)?[A-Za-z0-9\-.]*(:\d+)?|\*|null)?$ */
export const CORS_ORIGIN_REGEX = /^([a-z]+:\/\/(\*\.)?[A-Za-z0-9\-.]*(:[0-9]+)?|\*|null)?$/;

/**
 * What changed in cors-allow-origin's parsing across controller versions (docs/reference/controller-versions.md).
 * The newest (v1.13.0+) is ORIGIN_SYNTAX_NEWEST.
 */
export interface OriginSyntax {
  /** The controller version, for messages (`v1.8.1`). */
  version: string;
  /** v1.0.5+: a comma-separated list (before: one origin, checked as a whole). */
  list: boolean;
  /** v1.12.0+: any lower-case scheme (before: http and https only). */
  anyScheme: boolean;
  /** v1.13.0+: the literal `null`. */
  nullOrigin: boolean;
  /** v1.9.5+: empty entries are skipped (before: a trailing empty entry let every origin through). */
  skipsEmpty: boolean;
}

export const ORIGIN_SYNTAX_NEWEST: OriginSyntax = { version: 'v1.13.0+', list: true, anyScheme: true, nullOrigin: true, skipsEmpty: true };

/** The per-entry regex of a version: `^(https?://(\*\.)?host(:\d+)?|\*)?$` up to v1.11, `[a-z]+://` since v1.12, `|null` since v1.13. */
export function originEntryMatches(v: string, syntax: OriginSyntax): boolean {
  if (!CORS_ORIGIN_REGEX.test(v)) return false;
  if (v === 'null') return syntax.nullOrigin;
  if (!syntax.anyScheme && v !== '' && v !== '*' && !/^https?:\/\//.test(v)) return false;
  // Before v1.0.5 the single origin had no `*.` wildcard form.
  return syntax.list || !/:\/\/\*\./.test(v);
}

/** Why an entry the newest controller accepts is not accepted by this version (undefined: same verdict). */
export function versionRejection(v: string, syntax: OriginSyntax): string | undefined {
  if (!CORS_ORIGIN_REGEX.test(v) || originEntryMatches(v, syntax)) return undefined;
  if (v === 'null') return `\`null\` is accepted only since ingress-nginx v1.13.0 (this is ${syntax.version})`;
  if (!syntax.list) return `wildcard origins exist only since ingress-nginx v1.0.5 (this is ${syntax.version})`;
  return `schemes other than http and https are accepted only since ingress-nginx v1.12.0 (this is ${syntax.version})`;
}
/** parser.HeadersVariable: ^[A-Za-z0-9-_, ]*$ */
export const HEADERS_REGEX = /^[A-Za-z0-9_, -]*$/;

// Character classes by UTF-16 code (no one-character strings per step).
const isLetter = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
const isDigit = (c: number) => c >= 48 && c <= 57;
const isLower = (c: number) => c >= 97 && c <= 122;
/** [A-Za-z0-9\-.] */
const isHostChar = (c: number) => isLetter(c) || isDigit(c) || c === 45 || c === 46;
/** Go's \s: [\t\n\f\r ] */
const isGoSpaceClass = (c: number) => c === 9 || c === 10 || c === 12 || c === 13 || c === 32;

/**
 * corsOriginRegexValidator: ^((((([a-z]+://)?(\*\.)?[A-Za-z0-9\-.]*(:\d+)?,?)|null)+)|\*)?$
 * Every part of the repeated group is optional, so the group's language is any sequence of the tokens
 * `[a-z]+://`, `*.`, a host character, `:\d+` and `,` (`null` is four host characters). A linear scan decides it.
 */
export function matchesOriginValidator(s: string, anyScheme = true): boolean {
  if (s === '' || s === '*') return true;
  let i = 0;
  const n = s.length;
  while (i < n) {
    const c = s.charCodeAt(i);
    if (isHostChar(c) || c === 44) {
      i++;
    } else if (c === 42 && s.charCodeAt(i + 1) === 46) {
      // `*.`
      i += 2;
    } else if (c === 58 && s.charCodeAt(i + 1) === 47 && s.charCodeAt(i + 2) === 47 && i > 0 && isLower(s.charCodeAt(i - 1))) {
      // `://`: the lower-case letters before it become the scheme token (before v1.12.0 only `https?`)
      if (!anyScheme && !/https?$/.test(s.slice(Math.max(0, i - 5), i))) return false;
      i += 3;
    } else if (c === 58 && i + 1 < n && isDigit(s.charCodeAt(i + 1))) {
      // `:\d+`
      i += 2;
      while (i < n && isDigit(s.charCodeAt(i))) i++;
    } else {
      return false;
    }
  }
  return true;
}

/**
 * A list of tokens separated by `,`, ` ,`-less separators: the languages of corsMethodsRegex
 * ^([A-Za-z]+,?\s?)+$ and corsExposeHeadersRegex ^(([A-Za-z0-9\-\_]+|\*),?\s?)+$ are
 * "token-chars runs separated by `,`, one \s, or `,` + one \s, with an optional trailing separator".
 */
function matchesTokenList(s: string, tokenChar: (c: number) => boolean): boolean {
  const n = s.length;
  if (n === 0 || !tokenChar(s.charCodeAt(0))) return false;
  let i = 0;
  while (i < n) {
    while (i < n && tokenChar(s.charCodeAt(i))) i++;
    if (i === n) return true;
    // separator: ",", "\s", ", " (comma then one \s)
    const c = s.charCodeAt(i);
    if (c === 44) {
      i++;
      if (i < n && isGoSpaceClass(s.charCodeAt(i))) i++;
    } else if (isGoSpaceClass(c)) {
      i++;
    } else {
      return false;
    }
    if (i === n) return true;
    if (!tokenChar(s.charCodeAt(i))) return false;
  }
  return true;
}

/** [A-Za-z0-9\-_] */
const isHeaderTokenChar = (c: number) => isLetter(c) || isDigit(c) || c === 45 || c === 95;
/** [A-Za-z0-9\-_*] */
const isExposeTokenChar = (c: number) => isHeaderTokenChar(c) || c === 42;

export const matchesMethodsRegex = (s: string) => matchesTokenList(s, isLetter);
export const matchesExposeRegex = (s: string) => matchesTokenList(s, isExposeTokenChar);
export const matchesHeadersRegex = (s: string) => HEADERS_REGEX.test(s);
/** Before v1.9.0 cors-allow-headers was checked by corsHeadersRegex ^([A-Za-z0-9\-\_]+,?\s?)+$ (a token list, not HeadersVariable). */
export const matchesHeadersRegexBefore19 = (s: string) => matchesTokenList(s, isHeaderTokenChar);

/** parser.normalizeString: TrimSpace on every \n-separated line. */
export function normalizeString(s: string): string {
  if (!s.includes('\n')) return goTrimSpace(s);
  return s.split('\n').map(goTrimSpace).join('\n');
}

/** ValidateRegex(re, removeSpace=true): drop ASCII spaces only, then the regex and MaliciousRegex (`\r|\n`). */
export function validateRegex(value: string, re: (s: string) => boolean): boolean {
  const s = value.includes(' ') ? value.replaceAll(' ', '') : value;
  return re(s) && !s.includes('\n') && !s.includes('\r');
}

export interface StepResult<T> {
  value: T;
  /** Whether the written value was used (false: a default or fallback applies). */
  accepted: boolean;
  /** Why the written value was not used, phrased as what ingress-nginx does. */
  reason?: 'validator' | 'empty' | 'recheck' | 'parse';
}

/** enable-cors / cors-allow-credentials (GetBoolAnnotation). */
export function parseBoolAnnotation(raw: string, fallback: boolean, validation: boolean): StepResult<boolean> {
  if (validation && raw !== '' && goParseBool(raw) === undefined) return { value: fallback, accepted: false, reason: 'validator' };
  // parseBool takes the raw value (no normalizeString, unlike parseString): " true" is not a boolean.
  if (raw === '') return { value: fallback, accepted: false, reason: 'empty' };
  const b = goParseBool(raw);
  if (b === undefined) return { value: fallback, accepted: false, reason: 'parse' };
  return { value: b, accepted: true };
}

/** cors-max-age (GetIntAnnotation). */
export function parseIntAnnotation(raw: string, fallback: number, validation: boolean): StepResult<number> {
  if (validation && raw !== '' && goAtoi(raw) === undefined) return { value: fallback, accepted: false, reason: 'validator' };
  // parseInt takes the raw value too (no trimming): " 600" is not an integer.
  if (raw === '') return { value: fallback, accepted: false, reason: 'empty' };
  const v = goAtoi(raw);
  if (v === undefined) return { value: fallback, accepted: false, reason: 'parse' };
  return { value: v, accepted: true };
}

/** cors-allow-methods / -headers / -expose-headers: validator, parse, then the unstripped re-check. */
export function parseListAnnotation(raw: string, fallback: string, re: (s: string) => boolean, validation: boolean): StepResult<string> {
  if (validation && raw !== '' && !validateRegex(raw, re)) return { value: fallback, accepted: false, reason: 'validator' };
  const n = normalizeString(raw);
  if (n === '') return { value: fallback, accepted: false, reason: 'empty' };
  if (!re(n)) return { value: fallback, accepted: false, reason: 'recheck' };
  return { value: n, accepted: true };
}

export interface OriginPiece {
  /** Trimmed entry text. */
  value: string;
  /** Offset of the trimmed entry inside the raw (un-normalized) value, when it maps 1:1. */
  offset: number;
  status: 'kept' | 'star' | 'skipped-invalid' | 'after-star' | 'empty';
  /** Why this controller version rejects an entry the newest one accepts. */
  why?: string;
}

export interface OriginOutcome {
  /** The list ingress-nginx ends up matching: ['*'] any origin, [] none. */
  origins: string[];
  /** 'default': annotation missing; 'whole-invalid': the validator or parse step failed → ['*']. */
  mode: 'default' | 'whole-invalid' | 'list';
  reason?: 'validator' | 'empty';
  pieces: OriginPiece[];
  /** v1.0.5–v1.9.4: a trailing empty entry adds an empty alternative to the origin regex, which matches every origin. */
  emptyMatchesAll?: boolean;
}

/** cors-allow-origin: missing → ['*']; validator failure → ['*']; entries split, trimmed, skipped (by version). */
export function parseOriginAnnotation(
  raw: string | undefined,
  validation: boolean,
  syntax: OriginSyntax = ORIGIN_SYNTAX_NEWEST,
): OriginOutcome {
  if (raw === undefined) return { origins: ['*'], mode: 'default', pieces: [] };
  const pieces = splitOrigins(raw);
  if (validation && raw !== '' && !validateRegex(raw, (x) => matchesOriginValidator(x, syntax.anyScheme))) {
    return { origins: ['*'], mode: 'whole-invalid', reason: 'validator', pieces };
  }
  const n = normalizeString(raw);
  if (n === '') return { origins: ['*'], mode: 'whole-invalid', reason: 'empty', pieces };
  if (!syntax.list) return singleOrigin(n, pieces, syntax);
  const origins: string[] = [];
  let star = false;
  for (const p of pieces) {
    if (star) {
      p.status = 'after-star';
      continue;
    }
    if (p.value === '*') {
      p.status = 'star';
      star = true;
      continue;
    }
    if (!originEntryMatches(p.value, syntax)) {
      p.status = 'skipped-invalid';
      p.why = versionRejection(p.value, syntax);
      continue;
    }
    origins.push(p.value);
  }
  if (star) return { origins: ['*'], mode: 'list', pieces };
  const parts = n.split(',');
  const emptyMatchesAll = !syntax.skipsEmpty && goTrimSpace(parts[parts.length - 1]) === '' && parts.length > 1;
  return { origins, mode: 'list', pieces, ...(emptyMatchesAll ? { emptyMatchesAll } : {}) };
}

/** Before v1.0.5: one origin, checked whole by the entry regex; anything else (a list) → `*`. */
function singleOrigin(n: string, pieces: OriginPiece[], syntax: OriginSyntax): OriginOutcome {
  if (n !== '*' && originEntryMatches(n, syntax)) return { origins: [n], mode: 'list', pieces };
  if (n === '*') {
    pieces.forEach((p) => (p.status = 'star'));
    return { origins: ['*'], mode: 'list', pieces };
  }
  if (pieces.length > 1)
    for (const p of pieces) p.why = `ingress-nginx before v1.0.5 takes one origin, not a list (this is ${syntax.version})`;
  return { origins: ['*'], mode: 'whole-invalid', reason: 'validator', pieces };
}

/**
 * Split like Parse does (strings.Split on the normalized value, TrimSpace, drop empties), keeping each
 * entry's offset in the raw value. normalizeString only trims around newlines, so entries map back by search.
 */
export function splitOrigins(raw: string): OriginPiece[] {
  const n = normalizeString(raw);
  const out: OriginPiece[] = [];
  let searchFrom = 0;
  for (const part of n.split(',')) {
    const v = goTrimSpace(part);
    if (v === '') continue;
    const at = raw.indexOf(v, searchFrom);
    const offset = at >= 0 ? at : -1;
    if (at >= 0) searchFrom = at + v.length;
    out.push({ value: v, offset, status: 'kept' });
  }
  return out;
}
