/**
 * Helm releases on the command line: a release given with `-f`/`--set` flags, and the `releases:` of a
 * configuration (each release linted once, in its merged context).
 */
import * as fs from 'fs';
import * as path from 'path';
import type { CliOptions } from './args';
import { describeFsError, InputError, type InputFile } from './files';
import type { FileReport, ReleaseInfo } from './report';
import { configErrorLines, displayPath, FatalLines, type Io } from './context';
import type { LoadedFile } from './load';
import {
  ConfigError,
  isFlagSource,
  LineIndex,
  lintRelease,
  loadConfigFile,
  releaseFiles,
  releaseIncludes,
  releaseSources,
  resolveConfigFor,
  ruleIds,
  sourceLabel,
  yamlFilesUnder as yamlFilesUnderEngine,
  type ConfigCache,
  type DirEntry,
  type Finding,
  type LintResult,
  type ReleaseConfig,
  type ReleaseLintResult,
  type ResolvedConfig,
  type ValuesSource,
} from '../engine/index';

export interface LoadedRelease {
  result: ReleaseLintResult;
  /** Absolute path per source index (files only). */
  abs: string[];
  info: ReleaseInfo;
}

/** `-f a.yaml -f b.yaml --set k=v --reuse-values prev.yaml`: reads the files and lints the merged release. */
export function loadRelease(o: CliOptions, io: Io): LoadedRelease {
  const cache: ConfigCache = new Map();
  const files: { kind: 'file' | 'reuse-values'; path: string }[] = [
    ...(o.reuseValues !== undefined ? [{ kind: 'reuse-values' as const, path: o.reuseValues }] : []),
    ...o.values.map((p) => ({ kind: 'file' as const, path: p })),
  ];
  const sources: ValuesSource[] = [];
  const abs: string[] = [''];
  for (const f of files) {
    const a = path.resolve(io.cwd, f.path);
    let text: string;
    try {
      text = fs.readFileSync(a, 'utf8');
    } catch (e) {
      throw new InputError(`cannot read \`${f.path}\`: ${describeFsError(e)}`);
    }
    sources.push({ kind: f.kind, name: displayPath(a, io.cwd), text });
    abs.push(a);
  }
  for (const x of o.sets) {
    sources.push({ kind: x.kind, name: `--${x.kind}`, text: x.text });
    abs.push('');
  }
  let config: ResolvedConfig;
  try {
    const lastFile = [...abs].reverse().find((a) => a !== '');
    config =
      o.config !== undefined
        ? loadConfigFile(path.resolve(io.cwd, o.config), { cache, knownRuleIds: ruleIds })
        : resolveConfigFor(lastFile ?? path.join(io.cwd, 'values.yaml'), { cache, knownRuleIds: ruleIds });
  } catch (e) {
    if (e instanceof ConfigError) throw new FatalLines(configErrorLines(e, io.cwd));
    throw e;
  }
  const result = lintRelease({ name: 'release', sources, config, environment: o.env });
  const info: ReleaseInfo = { name: result.name, sources: result.order.map((i) => sourceLabel(result.sources[i])) };
  return { result, abs, info };
}

/** The per-source reports of a release (files in the order given, then flags with findings). */
export function releaseReports(rel: LoadedRelease): FileReport[] {
  const out: FileReport[] = [];
  rel.result.results.forEach((r, i) => {
    if (!r) return;
    const s = rel.result.sources[i];
    out.push({
      file: isFlagSource(s) ? sourceLabel(s) : s.name,
      abs: rel.abs[i] ?? '',
      stdin: false,
      environment: r.environment,
      environmentReason: r.environmentReason,
      findings: r.findings,
      lines: r.lines,
      fixBlocked: true,
      release: rel.info,
      ...(isFlagSource(s) ? { flag: { name: `--${s.kind}`, value: s.text } } : {}),
    });
  });
  return out;
}

/** Where a range of the release's merged values comes from, as `file:line` (or the flag). */
export function releaseWhere(rel: LoadedRelease): (offset: number) => string {
  const lines = new Map<number, LineIndex>();
  return (offset) => {
    const m = rel.result.locate({ start: offset, end: offset });
    if (!m) return 'merged values';
    const s = rel.result.sources[m.source];
    if (isFlagSource(s)) return sourceLabel(s);
    let li = lines.get(m.source);
    if (!li) lines.set(m.source, (li = new LineIndex(s.text)));
    return `${s.name}:${li.position(m.range.start).line + 1}`;
  };
}

/** The files of `releases:` (and their previous values) under the folders given on the command line. */
export function releaseFilesInFolders(paths: readonly string[], cwd: string): InputFile[] {
  const out: InputFile[] = [];
  for (const p of paths) {
    if (p === '-') continue;
    const abs = path.resolve(cwd, p);
    let config: ResolvedConfig;
    try {
      if (!fs.statSync(abs).isDirectory()) continue;
      config = resolveConfigFor(path.join(abs, 'values.yaml'), { knownRuleIds: ruleIds });
    } catch {
      continue; // reported when the files are read
    }
    for (const r of config.releases ?? []) {
      const found = releaseFiles(r, yamlFilesUnder(r.dir));
      if (r.reuseValues) found.push(path.resolve(r.dir, r.reuseValues));
      for (const f of found) {
        if (f === abs || !f.startsWith(abs + path.sep) || !fs.existsSync(f)) continue;
        out.push({ display: displayPath(f, cwd), abs: f, stdin: false });
      }
    }
  }
  return out;
}

/** A folder listing for the release globs (unreadable folders are skipped). */
function listDir(dir: string): DirEntry[] | undefined {
  try {
    return fs.readdirSync(dir, { withFileTypes: true }).map((e) => ({ name: e.name, isDirectory: e.isDirectory(), isFile: e.isFile() }));
  } catch {
    return undefined;
  }
}

const yamlFilesUnder = (dir: string): string[] => yamlFilesUnderEngine(dir, listDir);

/** What the files that belong to `releases:` of their config get instead of their lone lint. */
export interface ReleaseFileResult {
  result: LintResult;
  /** One per release the file belongs to. */
  infos: ReleaseInfo[];
}

/**
 * Lints, in their release context, the files that belong to a release of their configuration: each
 * release once; a file in several releases gets the findings of each (tagged with the release name).
 */
export function lintConfiguredReleases(files: readonly LoadedFile[], o: CliOptions, io: Io): Map<string, ReleaseFileResult> {
  const byRelease = new Map<ReleaseConfig, { config: ResolvedConfig }>();
  for (const f of files) {
    if (f.stdin) continue;
    for (const r of f.config.releases ?? []) if (releaseIncludes(r, f.abs)) byRelease.set(r, { config: f.config });
  }
  const perFile = new Map<string, { releases: string[]; results: { name: string; result: LintResult; info: ReleaseInfo }[] }>();
  const under = new Map<string, string[]>();
  for (const [r, { config }] of byRelease) {
    const candidates = under.get(r.dir) ?? yamlFilesUnder(r.dir);
    under.set(r.dir, candidates);
    const ordered = releaseFiles(r, candidates);
    const read = (abs: string) => {
      try {
        return fs.readFileSync(abs, 'utf8');
      } catch (e) {
        throw new InputError(
          `cannot read \`${displayPath(abs, io.cwd)}\` (release \`${r.name}\` in ${displayPath(r.file, io.cwd)}): ${describeFsError(e)}`,
        );
      }
    };
    const { sources, paths } = releaseSources(r, ordered, read, (abs) => displayPath(abs, io.cwd));
    const result = lintRelease({ name: r.name, sources, config, environment: o.env, chartVersion: r.chartVersion });
    const info: ReleaseInfo = { name: r.name, sources: result.order.map((i) => sourceLabel(result.sources[i])) };
    result.results.forEach((res, i) => {
      const abs = paths[i - 1];
      if (!res || !abs) return;
      const entry = perFile.get(abs) ?? { releases: [], results: [] };
      entry.releases.push(r.name);
      entry.results.push({ name: r.name, result: res, info });
      perFile.set(abs, entry);
    });
  }
  const out = new Map<string, ReleaseFileResult>();
  for (const [abs, e] of perFile) {
    if (e.results.length === 1) {
      out.set(abs, { result: e.results[0].result, infos: [e.results[0].info] });
      continue;
    }
    // Shared by several releases: one finding per distinct problem, naming the release(s) it belongs to.
    const merged = new Map<string, Finding>();
    for (const { name, result } of e.results) {
      for (const f of result.findings) {
        const key = `${f.ruleId}\u0000${f.range.start}\u0000${f.range.end}\u0000${f.message}`;
        const prev = merged.get(key);
        merged.set(key, prev ? { ...prev, release: `${prev.release}, ${name}` } : { ...f, release: name });
      }
    }
    const findings = [...merged.values()].sort(
      (a, b) => a.range.start - b.range.start || a.range.end - b.range.end || a.ruleId.localeCompare(b.ruleId),
    );
    const first = e.results[0];
    out.set(abs, { result: { ...first.result, findings }, infos: e.results.map((x) => x.info) });
  }
  return out;
}
