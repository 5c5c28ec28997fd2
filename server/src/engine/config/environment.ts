/**
 * Decides whether a file is linted as production or development, and says why.
 *
 * Order (the first that applies wins):
 *  1. `forced`: the CLI's --env or the editor setting.
 *  2. A comment `# vcluster-cors: env=development` (or `env=production`) anywhere in the file; the first
 *     such comment counts.
 *  3. The `environments` globs of the config. Production globs are checked first: a file matched by both
 *     lists is production (a mistake in the globs must not relax the checks).
 *  4. Path tokens: development when a folder name, or a token of the file name (split on `.`, `-`, `_`),
 *     is exactly one of DEVELOPMENT_TOKENS (dev, development, local, kind, minikube, non-prod, nonprod;
 *     case-insensitive; `non-prod`/`non_prod` also as two tokens of a file name). The file name is checked
 *     before the folders. Only the part of the path below the config folder (config.rootDir, else
 *     config.baseDir) is looked at, so `/home/dev/…` does not make every file development; without a
 *     config folder (or for a file outside it) the whole path is used.
 *  5. Otherwise production (secure by default).
 */
import type { Environment } from '../types';
import { matchingGlob, relativeTo } from './globs';
import type { ResolvedConfig } from './config';
import { firstIndexOf } from '../util/textSearch';
import { textDiff } from '../parse/incrementalText';
import { flat, type TextLike } from '../util/pieceText';

export interface EnvironmentDecision {
  environment: Environment;
  reason: string;
}

export const DEVELOPMENT_TOKENS: readonly string[] = ['dev', 'development', 'local', 'kind', 'minikube', 'non-prod', 'nonprod'];

const ENV_COMMENT = /(?:^|[ \t])#[ \t]*vcluster-cors:[^\n]*?(?<![\w-])env[ \t]*=[ \t]*(production|development)(?![\w-])/im;

export function detectEnvironment(
  filePath: string,
  text: TextLike,
  config: ResolvedConfig,
  forced?: Environment,
  forcedReason = 'set by --env',
): EnvironmentDecision {
  if (forced) return { environment: forced, reason: forcedReason };

  const comment = environmentComment(text);
  if (comment) return { environment: comment.environment, reason: `comment on line ${comment.line}` };

  if (config.baseDir) {
    const where = config.environmentsFile ?? config.files[config.files.length - 1];
    const source = where ? ` in ${where}` : ' in the configuration';
    const prod = matchingGlob(filePath, config.environments.production, config.baseDir);
    if (prod !== undefined) return { environment: 'production', reason: `matches \`${prod}\`${source}` };
    const dev = matchingGlob(filePath, config.environments.development, config.baseDir);
    if (dev !== undefined) return { environment: 'development', reason: `matches \`${dev}\`${source}` };
  }

  const token = developmentToken(filePath, config.rootDir ?? config.baseDir);
  if (token) return { environment: 'development', reason: token };

  return { environment: 'production', reason: 'default: production (secure by default)' };
}

/** The first `# vcluster-cors: env=…` comment, with its 1-based line. */
export function environmentComment(text: TextLike): { environment: Environment; line: number } | undefined {
  if (firstIndexOf(text, 'vcluster-cors:') < 0) return undefined;
  const prev = lastComment;
  const found = prev && (prev.text === text || text.length >= MIN_LENGTH) ? fromPrevious(prev, text) : searchComment(text, 0, text.length);
  lastComment = { text, found };
  return found && { environment: found.environment, line: found.line };
}

/** The comment found, and where its line starts and ends (the `\n` after it, or the text's end). */
interface FoundComment {
  environment: Environment;
  line: number;
  start: number;
  end: number;
}

/** Below this length a full search is cheaper than comparing with the previous text. */
const MIN_LENGTH = 64 * 1024;
/** The last text searched and its answer: an edit of a big file searches only the lines it changed. */
let lastComment: { text: TextLike; found: FoundComment | undefined } | undefined;

/** The first comment of [from, to) (both at line boundaries); the full search of environmentComment. */
export function searchComment(text: TextLike, from: number, to: number): FoundComment | undefined {
  const m = ENV_COMMENT.exec(from === 0 && to === text.length ? flat(text) : text.slice(from, to));
  if (!m) return undefined;
  const start = text.lastIndexOf('\n', from + m.index + m[0].indexOf('#')) + 1;
  const nl = text.indexOf('\n', start);
  return { environment: m[1].toLowerCase() as Environment, line: newlines(text, 0, start) + 1, start, end: nl < 0 ? text.length : nl };
}

function newlines(text: TextLike, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/**
 * The answer for `text` from the previous text's. A comment lies on one line (ENV_COMMENT never crosses a
 * line break), so lines the edit did not touch keep their answer: the previous first comment, when its line
 * ends before the edit, is still the first; else the first one is on the edited lines, or it is the previous
 * one moved with the lines after the edit.
 */
function fromPrevious(prev: { text: TextLike; found: FoundComment | undefined }, text: TextLike): FoundComment | undefined {
  const old = prev.text;
  const f = prev.found;
  if (old === text) return f;
  const { prefix, suffix } = textDiff(old, text);
  if (f && f.end < prefix) return f;
  const from = prefix === 0 ? 0 : text.lastIndexOf('\n', prefix - 1) + 1;
  const nlNew = text.indexOf('\n', text.length - suffix);
  const to = nlNew < 0 ? text.length : nlNew;
  const inWindow = searchComment(text, from, to);
  if (inWindow || !f) return inWindow;
  const nlOld = old.indexOf('\n', old.length - suffix);
  const oldTo = nlOld < 0 ? old.length : nlOld;
  if (f.start <= oldTo) return searchComment(text, 0, text.length);
  const delta = text.length - old.length;
  return { ...f, start: f.start + delta, end: f.end + delta, line: f.line + newlines(text, from, to) - newlines(old, from, oldTo) };
}

/** "file name token `dev`" / "folder `kind`", or undefined when no path part names a development setup. */
export function developmentToken(filePath: string, baseDir?: string): string | undefined {
  // Cached per base folder, then per path (no key string built per call); null: no token.
  let cache = tokenCaches.get(baseDir ?? '');
  if (!cache) {
    if (tokenCaches.size > 100) tokenCaches.clear();
    cache = new Map();
    tokenCaches.set(baseDir ?? '', cache);
  }
  const known = cache.get(filePath);
  if (known !== undefined) return known ?? undefined;
  const found = computeDevelopmentToken(filePath, baseDir);
  if (cache.size > 2000) cache.clear();
  cache.set(filePath, found ?? null);
  return found;
}
const tokenCaches = new Map<string, Map<string, string | null>>();

function computeDevelopmentToken(filePath: string, baseDir?: string): string | undefined {
  const rel = baseDir ? relativeTo(filePath, baseDir) : undefined;
  const path = rel ?? filePath;
  // Every development token contains one of these (`non-prod`, `non_prod` and `nonprod` contain `prod`; the Kelvin
  // sign lower-cases to `k`).
  if (!/dev|local|kind|minikube|prod|\u212A/i.test(path)) return undefined;
  const parts = (rel ?? filePath.replace(/\\/g, '/')).split('/').filter((s) => s !== '' && s !== '.' && s !== '..');
  const fileName = parts.pop();
  if (fileName) {
    const tokens = fileName.split(/[._-]/);
    // `non-prod` / `non_prod` is split in two by the separators: read it as one token.
    const nonProd = tokens.findIndex((t, i) => t.toLowerCase() === 'non' && tokens[i + 1]?.toLowerCase() === 'prod');
    const at = tokens.slice(0, nonProd).reduce((n, t) => n + t.length + 1, 0);
    const token = nonProd >= 0 ? fileName.slice(at, at + 8) : tokens.find((t) => isDevToken(t));
    if (token) return `file name token \`${token}\``;
  }
  for (let i = parts.length - 1; i >= 0; i--) {
    if (isDevToken(parts[i])) return `folder \`${parts[i]}\``;
  }
  return undefined;
}

function isDevToken(s: string): boolean {
  return DEVELOPMENT_TOKENS.includes(s.toLowerCase().replace('_', '-'));
}
