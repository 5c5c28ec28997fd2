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

export interface EnvironmentDecision {
  environment: Environment;
  reason: string;
}

export const DEVELOPMENT_TOKENS: readonly string[] = ['dev', 'development', 'local', 'kind', 'minikube', 'non-prod', 'nonprod'];

const ENV_COMMENT = /(?:^|[ \t])#[ \t]*vcluster-cors:[^\n]*?(?<![\w-])env[ \t]*=[ \t]*(production|development)(?![\w-])/im;

export function detectEnvironment(
  filePath: string,
  text: string,
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
export function environmentComment(text: string): { environment: Environment; line: number } | undefined {
  if (firstIndexOf(text, 'vcluster-cors:') < 0) return undefined;
  const m = ENV_COMMENT.exec(text);
  if (!m) return undefined;
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < m.index + m[0].indexOf('#'); i = text.indexOf('\n', i + 1)) line++;
  return { environment: m[1].toLowerCase() as Environment, line };
}

/** "file name token `dev`" / "folder `kind`", or undefined when no path part names a development setup. */
const tokenCache = new Map<string, string | undefined>();

export function developmentToken(filePath: string, baseDir?: string): string | undefined {
  const key = `${baseDir ?? ''}\u0000${filePath}`;
  if (tokenCache.has(key)) return tokenCache.get(key);
  const found = computeDevelopmentToken(filePath, baseDir);
  if (tokenCache.size > 2000) tokenCache.clear();
  tokenCache.set(key, found);
  return found;
}

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

