/**
 * `releases:` of `.vcluster-cors.yaml`: values files that Helm deploys together. This file reads the
 * setting (config.ts only passes it through) and answers "which releases is this file part of, and with
 * which sources". The paths are relative to the folder of the config file that declares the releases.
 */
import * as path from 'path';
import { globMatcher } from './globs';
import type { ValuesSource } from '../helm/merge';

export interface ReleaseConfig {
  name: string;
  /** Globs in `-f` order. */
  values: string[];
  set?: Record<string, string | number | boolean | null>;
  setString?: Record<string, string | number | boolean | null>;
  reuseValues?: string;
  chartVersion?: string;
  /** Folder the globs and reuseValues are relative to (the config file's folder). */
  dir: string;
  /** The config file that declares it (for messages). */
  file: string;
}

/** Reads the validated `releases` value of one config file. */
export function readReleases(value: unknown, file: string): ReleaseConfig[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const dir = path.dirname(file);
  return value.map((r: Record<string, unknown>) => ({
    name: String(r.name),
    values: (r.values as string[]).map(String),
    ...(r.set ? { set: { ...(r.set as ReleaseConfig['set']) } } : {}),
    ...(r.setString ? { setString: { ...(r.setString as ReleaseConfig['setString']) } } : {}),
    ...(typeof r.reuseValues === 'string' ? { reuseValues: r.reuseValues } : {}),
    ...(typeof r.chartVersion === 'string' ? { chartVersion: r.chartVersion } : {}),
    dir,
    file,
  }));
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

/** One entry of a folder listing (the adapters read the file system; the engine stays pure). */
export interface DirEntry {
  name: string;
  isDirectory: boolean;
  isFile: boolean;
}

/** Folders never searched for release files (as the CLI's folder search). */
const SKIPPED_FOLDERS: ReadonlySet<string> = new Set(['templates', 'node_modules', '.git']);

/** The YAML files under a folder (candidates for the `values` globs), at most `limit`. */
export function yamlFilesUnder(dir: string, list: (dir: string) => readonly DirEntry[] | undefined, limit = 20000): string[] {
  const out: string[] = [];
  const stack = [dir];
  while (stack.length > 0 && out.length < limit) {
    const d = stack.pop()!;
    for (const e of list(d) ?? []) {
      const p = path.join(d, e.name);
      if (e.isDirectory) {
        if (!SKIPPED_FOLDERS.has(e.name)) stack.push(p);
      } else if (e.isFile && /\.ya?ml$/i.test(e.name)) out.push(p);
    }
  }
  return out;
}

/** A value of `set:` written as the argument of a `--set` flag (the value arrives literally: `\` and `,` escaped). */
export function setArgument(key: string, value: string | number | boolean | null): string {
  const v = value === null ? 'null' : String(value);
  return `${key}=${v.replace(/\\/g, '\\\\').replace(/,/g, '\\,')}`;
}

/**
 * The files of a release, in `-f` order, among `candidates` (absolute paths): each glob in turn, the files
 * it matches in path order, a file counted once at its first place.
 */
export function releaseFiles(r: ReleaseConfig, candidates: readonly string[]): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const rel = candidates
    .map((abs) => ({ abs, rel: toPosix(path.relative(r.dir, abs)) }))
    .filter((x) => !x.rel.startsWith('../') && x.rel !== '..');
  rel.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
  for (const g of r.values) {
    const isMatch = globMatcher(g);
    for (const x of rel) {
      if (seen.has(x.abs) || !isMatch(x.rel)) continue;
      seen.add(x.abs);
      out.push(x.abs);
    }
  }
  return out;
}

/** Whether an absolute path is one of the release's values files (or its previous values). */
export function releaseIncludes(r: ReleaseConfig, abs: string): boolean {
  if (r.reuseValues && path.resolve(r.dir, r.reuseValues) === path.resolve(abs)) return true;
  const rel = toPosix(path.relative(r.dir, abs));
  if (rel.startsWith('../')) return false;
  return r.values.some((g) => globMatcher(g)(rel));
}

/**
 * The sources of a release for lintRelease: previous values, the files (read with `read`), then the
 * `set`/`setString` flags. `files` are absolute paths in `-f` order; names are shown relative to `displayBase`.
 */
export function releaseSources(
  r: ReleaseConfig,
  files: readonly string[],
  read: (abs: string) => string,
  display: (abs: string) => string,
): { sources: ValuesSource[]; paths: string[] } {
  const sources: ValuesSource[] = [];
  const paths: string[] = [];
  if (r.reuseValues) {
    const abs = path.resolve(r.dir, r.reuseValues);
    sources.push({ kind: 'reuse-values', name: display(abs), text: read(abs) });
    paths.push(abs);
  }
  for (const f of files) {
    sources.push({ kind: 'file', name: display(f), text: read(f) });
    paths.push(f);
  }
  for (const [k, v] of Object.entries(r.set ?? {})) {
    sources.push({ kind: 'set', name: '--set', text: setArgument(k, v) });
    paths.push('');
  }
  for (const [k, v] of Object.entries(r.setString ?? {})) {
    sources.push({ kind: 'set-string', name: '--set-string', text: setArgument(k, v) });
    paths.push('');
  }
  return { sources, paths };
}
