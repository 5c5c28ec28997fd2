/**
 * Path globs of the configuration (`environments`), matched against a file's path relative to the config
 * folder. Pure (no `path` module): the engine also runs in a browser (the playground). The relative-path
 * computation gives the same answers as Node's `path.posix.relative` / `path.win32.relative` (test/unit/globs.test.ts
 * compares them); a relative input is resolved against `process.cwd()` where there is one, as Node does.
 */
import picomatch from 'picomatch';

const matchers = new Map<string, (p: string) => boolean>();

/**
 * The one place path globs are compiled (picomatch; `*` and `**` match dotfiles too; a leading `./` is
 * ignored). The matcher takes a `/`-separated path relative to the folder the globs are written for.
 * Matchers are cached, so callers need not keep them.
 */
export function globMatcher(globs: string | readonly string[], opts: { nocase?: boolean } = {}): (relPath: string) => boolean {
  const list = (typeof globs === 'string' ? [globs] : [...globs]).map((g) => g.replace(/^\.\//, ''));
  const key = `${opts.nocase ? 'i' : 's'}\u0000${list.join('\u0000')}`;
  let m = matchers.get(key);
  if (!m) {
    if (matchers.size > 1000) matchers.clear();
    // What picomatch(list, options) matches (a path equal to a glob, or its regex), without the result object
    // picomatch's own matcher builds per call.
    const compiled = list.map((g) => ({ glob: g, re: picomatch.makeRe(g, { dot: true, windows: false, nocase: opts.nocase === true }) }));
    m = (p: string) => {
      if (p === '') return false; // picomatch never matches an empty path
      for (const c of compiled) if (p === c.glob || c.re.test(p)) return true;
      return false;
    };
    matchers.set(key, m);
  }
  return m;
}

function matcherFor(glob: string): (p: string) => boolean {
  return globMatcher(glob);
}

function toSlashes(p: string): string {
  return p.replace(/\\/g, '/');
}

function isWindowsPath(p: string): boolean {
  return /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('\\\\') || p.includes('\\');
}

function cwd(): string {
  const proc = (globalThis as { process?: { cwd?: () => string } }).process;
  try {
    return proc?.cwd?.() ?? '/';
  } catch {
    return '/';
  }
}

/** Segments of an absolute path after resolving `.` and `..` (never above the root). */
function segments(p: string): string[] {
  const out: string[] = [];
  for (const s of p.split('/')) {
    if (s === '' || s === '.') continue;
    if (s === '..') out.pop();
    else out.push(s);
  }
  return out;
}

function relativeSegments(from: string[], to: string[], same: (a: string, b: string) => boolean): string {
  let i = 0;
  while (i < from.length && i < to.length && same(from[i], to[i])) i++;
  return [...from.slice(i).map(() => '..'), ...to.slice(i)].join('/');
}

/** path.posix.relative(from, to), with `/` separators. */
export function posixRelative(from: string, to: string): string {
  const abs = (p: string) => (p.startsWith('/') ? p : `${cwd()}/${p}`);
  return relativeSegments(segments(abs(from)), segments(abs(to)), (a, b) => a === b);
}

/** Root (`c:` or `//server/share`, lower case for comparison) and rest of a Windows path in `/` form. */
function win32Parts(p: string): { root: string; rest: string } | undefined {
  const s = toSlashes(p);
  let m = /^([A-Za-z]:)(\/.*)?$/.exec(s);
  if (m) return { root: m[1], rest: m[2] ?? '/' };
  m = /^\/\/([^/]+)\/([^/]+)(\/.*)?$/.exec(s);
  if (m) return { root: `//${m[1]}/${m[2]}`, rest: m[3] ?? '/' };
  return undefined;
}

/** path.win32.relative(from, to), with `/` separators; `to` itself (slashed) when the roots differ. */
export function win32Relative(from: string, to: string): string {
  const base = win32Parts(toSlashes(cwd()).replace(/^\//, '')) ?? { root: 'c:', rest: '/' };
  const resolve = (p: string) => {
    const parts = win32Parts(p);
    if (parts) return parts;
    const s = toSlashes(p);
    return { root: base.root, rest: s.startsWith('/') ? s : `${base.rest}/${s}` };
  };
  const f = resolve(from);
  const t = resolve(to);
  const lower = (a: string) => a.toLowerCase();
  const tSegs = segments(t.rest);
  if (lower(f.root) !== lower(t.root)) return `${t.root}/${tSegs.join('/')}`;
  return relativeSegments(segments(f.rest), tSegs, (a, b) => lower(a) === lower(b));
}

function isAbsoluteAny(p: string): boolean {
  return /^[A-Za-z]:/.test(p) || p.startsWith('/');
}

/**
 * `filePath` relative to `baseDir` with `/` separators, or undefined when the file is not inside
 * `baseDir`. Windows paths (drive letters, backslashes) are compared case-insensitively by drive.
 */
export function relativeTo(filePath: string, baseDir: string): string | undefined {
  const windows = isWindowsPath(filePath) || isWindowsPath(baseDir);
  const slashed = windows ? win32Relative(baseDir, filePath) : posixRelative(toSlashes(baseDir), toSlashes(filePath));
  if (slashed === '' || slashed === '..' || slashed.startsWith('../') || isAbsoluteAny(slashed)) return undefined;
  return slashed;
}

/**
 * The glob that decides the match, or undefined. Globs are checked in order; a glob starting with `!`
 * un-matches files matched by earlier globs (like .gitignore), so the last matching glob decides.
 */
export function matchingGlob(filePath: string, globs: readonly string[], baseDir: string): string | undefined {
  if (globs.length === 0) return undefined;
  const rel = relativeTo(filePath, baseDir);
  if (rel === undefined) return undefined;
  let matched: string | undefined;
  for (const glob of globs) {
    if (glob.startsWith('!')) {
      if (matched !== undefined && matcherFor(glob.slice(1))(rel)) matched = undefined;
    } else if (matched === undefined && matcherFor(glob)(rel)) {
      matched = glob;
    }
  }
  return matched;
}

/** Whether the file matches the globs (relative to baseDir; files outside baseDir never match). */
export function isGlobMatch(filePath: string, globs: string[], baseDir: string): boolean {
  return matchingGlob(filePath, globs, baseDir) !== undefined;
}
