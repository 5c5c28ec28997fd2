/**
 * Which documents are linted: YAML documents whose path matches the `files` globs, or whose first
 * document looks like the vcluster-platform chart's values. Never files under a `templates/` folder
 * (Helm templates are Go templates, not values).
 */
import * as path from 'path';
import { fileURLToPath } from 'url';
import { globMatcher } from '../engine/index';

/** A file system path for a document URI (file: URIs), or a pseudo path (the URI's path) for others. */
export function uriToPath(uri: string): { path: string; isFile: boolean } {
  if (uri.startsWith('file:')) {
    try {
      return { path: fileURLToPath(uri), isFile: true };
    } catch {
      /* fall through */
    }
  }
  const m = /^[A-Za-z][A-Za-z0-9+.-]*:(\/\/[^/]*)?([^?#]*)/.exec(uri);
  let p = m ? m[2] : uri;
  try {
    p = decodeURIComponent(p);
  } catch {
    /* keep it encoded */
  }
  return { path: p || uri, isFile: false };
}

/** A glob of the `files` setting (one the glob compiler rejects matches nothing). */
function glob(g: string): (p: string) => boolean {
  try {
    return globMatcher(g);
  } catch {
    return () => false;
  }
}

const slashes = (p: string) => p.replace(/\\/g, '/');

/**
 * Whether a path matches the globs. Globs are matched against the path relative to each workspace
 * folder that contains it, and against the whole path; `!glob` un-matches (the last matching glob decides).
 */
export function matchesFiles(filePath: string, globs: readonly string[], workspaceFolders: readonly string[]): boolean {
  const candidates = new Set<string>();
  const abs = slashes(filePath);
  candidates.add(abs.replace(/^\/+/, ''));
  candidates.add(abs);
  for (const f of workspaceFolders) {
    const rel = slashes(path.relative(f, filePath));
    if (rel && !rel.startsWith('../') && rel !== '..' && !path.isAbsolute(rel)) candidates.add(rel);
  }
  let matched = false;
  for (const g of globs) {
    if (g.startsWith('!')) {
      const m = glob(g.slice(1));
      if (matched && [...candidates].some((c) => m(c))) matched = false;
    } else if (!matched) {
      const m = glob(g);
      if ([...candidates].some((c) => m(c))) matched = true;
    }
  }
  return matched;
}

export function isUnderTemplates(filePath: string): boolean {
  return slashes(filePath).split('/').slice(0, -1).includes('templates');
}

export function isYamlDocument(languageId: string, filePath: string): boolean {
  return languageId === 'yaml' || /\.ya?ml$/i.test(filePath);
}

/** Keys whose presence `looksLikePlatformValues` needs (one of them must appear in the text). */
const VALUES_MARKERS = /\b(ingressClass|loftHost|certIssuer|agentValues|password)\b/;

/** A cheap pre-check before parsing: files without any marker key cannot be this chart's values. */
export function mayBeValuesText(text: string): boolean {
  return VALUES_MARKERS.test(text);
}

export { looksLikeValuesDocument } from '../engine/index';
