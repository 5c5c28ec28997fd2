/**
 * The `vcluster-cors` commands. `run` returns the exit code; it never calls process.exit, so output
 * written to pipes is flushed before the process ends.
 *
 * Order of work, so that a bad input never leaves files half-fixed: collect the files, resolve the
 * configuration of every file, read every file; only then lint, fix and write back.
 */
import * as fs from 'fs';
import * as path from 'path';
import { isRelease, parseArgs, UsageError, type CliOptions } from './args';
import { helpFor } from './help';
import { collectFiles, describeFsError, InputError, type InputFile } from './files';
import { painter, shouldColor } from './color';
import { ChangedOnDiskError, decodeUtf8, readSnapshot, readStdin, spliceBytes, writeInPlace, writeOutputFile, type FileSnapshot } from './io';
import { totals, type FileReport, type ReleaseInfo } from './report';
import { lintInPool, poolSize, type LintJob, type LintOutcome } from './pool';
import { formatStylish } from './format/stylish';
import { formatJson } from './format/json';
import { formatSarif } from './format/sarif';
import { formatGithub } from './format/github';
import { formatGitlab } from './format/gitlab';
import { formatJunit } from './format/junit';
import { formatPolicyJson, formatPolicyText, type PolicyReport } from './format/policy';
import { formatSimulateJson, formatSimulateText, type SimulateReport } from './format/simulate';
import { formatVerifyJson, formatVerifyText, runVerify } from './verify';
import { migrateCommand } from './migrate';
import {
  computePolicies,
  ConfigError,
  fixText,
  formatConfigProblem,
  hasSyntaxError,
  lintText,
  LineIndex,
  lintRelease,
  loadConfigFile,
  isFlagSource,
  sourceLabel,
  resolveConfigFor,
  ruleIds,
  rules,
  simulate,
  type ConfigCache,
  type SimulationRequest,
  type ResolvedConfig,
  type ReleaseLintResult,
  type ValuesSource,
  type ReleaseConfig,
  type Finding,
  type LintResult,
  releaseFiles,
  releaseIncludes,
  releaseSources,
  yamlFilesUnder as yamlFilesUnderEngine,
  type DirEntry,
} from '../engine/index';
import { version as packageVersion } from '../../../package.json';

export const VERSION: string = packageVersion;

export interface Io {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdout: { write(s: string): unknown; isTTY?: boolean };
  stderr: { write(s: string): unknown; isTTY?: boolean };
  readStdin(): Promise<string>;
}

export function processIo(): Io {
  return { cwd: process.cwd(), env: process.env, stdout: process.stdout, stderr: process.stderr, readStdin };
}

/** A problem that ends the run with exit code 2 and a message (already formatted, no prefix added). */
class FatalLines extends Error {
  constructor(readonly lines: string[]) {
    super(lines.join('\n'));
  }
}

function displayPath(file: string, cwd: string): string {
  const rel = path.relative(cwd, file);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
}

function configErrorLines(e: ConfigError, cwd: string): string[] {
  return e.problems.map((p) => formatConfigProblem({ ...p, file: displayPath(p.file, cwd) }));
}

export interface LoadedFile extends InputFile {
  text: string;
  config: ResolvedConfig;
  /** The bytes read and what identifies them (not for stdin). */
  snapshot?: FileSnapshot;
  /** Offset of the first byte that is not UTF-8, when there is one (the text then has U+FFFD in its place). */
  invalidUtf8At?: number;
}

/** Resolves configs and reads all files (stdin included). Throws FatalLines / InputError. */
export async function loadFiles(o: CliOptions, io: Io): Promise<LoadedFile[]> {
  const paths = o.paths.length > 0 ? o.paths : ['.'];
  const extra = releaseFilesInFolders(paths, io.cwd);
  let files: InputFile[];
  try {
    files = collectFiles(paths, io.cwd, o.stdinFilename);
  } catch (e) {
    // A folder that holds only the files of `releases:` (named freely, e.g. base.yaml) is not empty.
    if (!(e instanceof InputError && extra.length > 0 && e.message.startsWith('no values files found'))) throw e;
    files = [];
  }
  if (extra.length > 0) {
    const seen = new Set(files.map((f) => f.abs));
    for (const f of extra) {
      if (seen.has(f.abs)) continue;
      seen.add(f.abs);
      files.push(f);
    }
    files.sort((a, b) => (a.display < b.display ? -1 : a.display > b.display ? 1 : 0));
  }
  const cache: ConfigCache = new Map();
  let explicit: ResolvedConfig | undefined;
  try {
    if (o.config !== undefined) explicit = loadConfigFile(path.resolve(io.cwd, o.config), { cache, knownRuleIds: ruleIds });
  } catch (e) {
    if (e instanceof ConfigError) throw new FatalLines(configErrorLines(e, io.cwd));
    throw e;
  }
  const out: LoadedFile[] = [];
  // A file's config depends only on its folder: resolve it once per folder (each resolution stats two names in
  // every folder up to the root).
  const byFolder = new Map<string, ResolvedConfig>();
  for (const f of files) {
    let config: ResolvedConfig;
    try {
      const folder = path.dirname(path.resolve(f.abs));
      config = explicit ?? byFolder.get(folder) ?? resolveConfigFor(f.abs, { cache, knownRuleIds: ruleIds });
      byFolder.set(folder, config);
    } catch (e) {
      if (e instanceof ConfigError) throw new FatalLines(configErrorLines(e, io.cwd));
      throw e;
    }
    if (f.stdin) {
      out.push({ ...f, text: await io.readStdin(), config });
      continue;
    }
    let snapshot: FileSnapshot;
    try {
      snapshot = readSnapshot(f.abs);
    } catch (e) {
      throw new InputError(`cannot read \`${f.display}\`: ${describeFsError(e)}`);
    }
    const decoded = decodeUtf8(snapshot.bytes);
    if ('text' in decoded) out.push({ ...f, text: decoded.text, config, snapshot });
    else out.push({ ...f, text: snapshot.bytes.toString('utf8'), config, snapshot, invalidUtf8At: decoded.invalidAt });
  }
  return out;
}

interface LoadedRelease {
  result: ReleaseLintResult;
  /** Absolute path per source index (files only). */
  abs: string[];
  info: ReleaseInfo;
}

/** `-f a.yaml -f b.yaml --set k=v --reuse-values prev.yaml`: reads the files and lints the merged release. */
function loadRelease(o: CliOptions, io: Io): LoadedRelease {
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
function releaseReports(rel: LoadedRelease): FileReport[] {
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
function releaseWhere(rel: LoadedRelease): (offset: number) => string {
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
function releaseFilesInFolders(paths: readonly string[], cwd: string): InputFile[] {
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
function lintConfiguredReleases(files: readonly LoadedFile[], o: CliOptions, io: Io): Map<string, ReleaseFileResult> {
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
        throw new InputError(`cannot read \`${displayPath(abs, io.cwd)}\` (release \`${r.name}\` in ${displayPath(r.file, io.cwd)}): ${describeFsError(e)}`);
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
    const findings = [...merged.values()].sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end || a.ruleId.localeCompare(b.ruleId));
    const first = e.results[0];
    out.set(abs, { result: { ...first.result, findings }, infos: e.results.map((x) => x.info) });
  }
  return out;
}

function emit(o: CliOptions, io: Io, report: string, toStderr = false): void {
  if (o.output !== undefined) {
    try {
      writeOutputFile(path.resolve(io.cwd, o.output), report);
    } catch (e) {
      throw new InputError(`cannot write \`${o.output}\`: ${describeFsError(e)}`);
    }
  } else if (report !== '') {
    (toStderr ? io.stderr : io.stdout).write(report);
  }
}

function colorFor(o: CliOptions, io: Io, toStderr: boolean): boolean {
  if (o.output !== undefined) return o.color === true;
  return shouldColor(o.color, !!(toStderr ? io.stderr : io.stdout).isTTY, io.env);
}

async function lintCommand(o: CliOptions, io: Io): Promise<number> {
  if (o.printConfig !== undefined) {
    const file = path.resolve(io.cwd, o.printConfig);
    const cache: ConfigCache = new Map();
    try {
      const config = o.config !== undefined ? loadConfigFile(path.resolve(io.cwd, o.config), { cache, knownRuleIds: ruleIds }) : resolveConfigFor(file, { cache, knownRuleIds: ruleIds });
      emit(o, io, JSON.stringify(config, null, 2) + '\n');
    } catch (e) {
      if (e instanceof ConfigError) throw new FatalLines(configErrorLines(e, io.cwd));
      throw e;
    }
    return 0;
  }

  if (isRelease(o)) {
    const rel = loadRelease(o, io);
    const reports = releaseReports(rel).map((r) => (o.quiet ? { ...r, findings: r.findings.filter((x) => x.severity === 'error') } : r));
    let warnings = 0;
    for (const r of rel.result.results) for (const x of r?.findings ?? []) if (x.severity === 'warning') warnings++;
    return finishLint(o, io, reports, warnings, false);
  }
  const files = await loadFiles(o, io);
  const stdinFix = o.fix && files.length === 1 && files[0].stdin;
  const reports: FileReport[] = [];
  let fixedText: string | undefined;
  let warnings = 0;
  /** One-line problems with --fix that end the run with exit code 2 (printed after the report). */
  const fixErrors: string[] = [];
  /** One-line notes about --fix that do not change the exit code. */
  const fixNotes: string[] = [];
  const inReleases = lintConfiguredReleases(files, o, io);
  let notFixed = 0;
  // Large sets are linted on worker threads (same results, same order); --fix stays in this thread.
  const pooled = o.fix || o.fixDryRun ? undefined : await lintPooled(files.filter((f) => f.stdin || !inReleases.has(f.abs)), o, io);
  for (const f of files) {
    const lintOptions = { filePath: f.display, environment: o.env, config: f.config };
    let result;
    const rel = inReleases.get(f.abs);
    const p = pooled?.get(f);
    if (rel && !f.stdin) {
      // A file of a release is judged in its release; --fix does not rewrite it (its fixes may belong to another file).
      if (o.fix) notFixed++;
      result = { ...rel.result, filePath: f.display };
      for (const x of result.findings) if (x.severity === 'warning') warnings++;
      reports.push({
        file: f.display,
        abs: f.abs,
        stdin: false,
        environment: result.environment,
        environmentReason: result.environmentReason,
        findings: o.quiet ? result.findings.filter((x) => x.severity === 'error') : result.findings,
        lines: result.lines,
        fixBlocked: true,
        release: rel.infos[0],
        ...(rel.infos.length > 1 ? { releases: rel.infos } : {}),
      });
      continue;
    }
    if (p) {
      result = { environment: p.environment, environmentReason: p.environmentReason, findings: p.findings, lines: new LineIndex(f.text, p.lineStarts) };
    } else if (o.fix || o.fixDryRun) {
      const fixed = fixText(f.text, { ...lintOptions, maxPasses: maxFixPasses(io.env) });
      result = fixed.result;
      const changed = fixed.text !== f.text;
      if (fixed.stopped === 'max-passes') {
        // A fix that does not converge: writing what ten passes made of the file could make it worse.
        fixErrors.push(
          `\`${f.display}\`: fixing stopped after ${fixed.passes} passes with fixes still left (a fix does not converge); the file was not changed. Please report this.`,
        );
        result = lintText(f.text, lintOptions);
      } else if (stdinFix) fixedText = fixed.text;
      else if (o.fix && changed && f.invalidUtf8At !== undefined) {
        const at = new LineIndex(f.text).position(Buffer.from(f.snapshot!.bytes.subarray(0, f.invalidUtf8At)).toString('utf8').length);
        fixErrors.push(
          `cannot fix \`${f.display}\`: it is not valid UTF-8 (byte 0x${f.snapshot!.bytes[f.invalidUtf8At].toString(16)} at line ${at.line + 1}, column ${at.character + 1}); it was not changed. Save it as UTF-8 first.`,
        );
        result = lintText(f.text, lintOptions);
      } else if (o.fix && changed) {
        try {
          writeInPlace(f.abs, f.snapshot!, spliceBytes(f.snapshot!.bytes, f.text, fixed.text));
        } catch (e) {
          result = lintText(f.text, lintOptions);
          if (e instanceof ChangedOnDiskError) {
            fixErrors.push(`skipped \`${f.display}\`: it changed on disk while it was being fixed; it was not written. Run --fix again.`);
          } else {
            fixErrors.push(`cannot write the fixes to \`${f.display}\`: ${describeFsError(e)}; it was not changed.`);
          }
        }
      }
      if (fixed.stopped === 'fix-made-worse' || (fixed.dropped > 0 && fixed.stopped !== 'max-passes')) {
        fixNotes.push(`\`${f.display}\`: ${fixed.dropped} fix${fixed.dropped === 1 ? ' was' : 'es were'} not applied because ${fixed.dropped === 1 ? 'it' : 'they'} would make the file worse (a new error or an invalid file).`);
      }
    } else {
      result = lintText(f.text, lintOptions);
    }
    for (const x of result.findings) if (x.severity === 'warning') warnings++;
    const findings = o.quiet ? result.findings.filter((x) => x.severity === 'error') : result.findings;
    reports.push({
      file: f.display,
      abs: f.abs,
      stdin: f.stdin,
      environment: result.environment,
      environmentReason: result.environmentReason,
      findings,
      lines: result.lines,
      fixBlocked: p ? p.fixBlocked : hasSyntaxError(result as ReturnType<typeof lintText>),
    });
  }

  if (notFixed > 0) fixNotes.push(`--fix left ${notFixed === 1 ? '1 file' : `${notFixed} files`} of \`releases:\` unchanged (release files are reported, not rewritten)`);
  // With `--fix -` the fixed text owns standard output; the report goes to standard error.
  if (fixedText !== undefined) io.stdout.write(fixedText);
  return finishLint(o, io, reports, warnings, stdinFix, fixNotes, fixErrors);
}

function finishLint(o: CliOptions, io: Io, reports: FileReport[], warnings: number, reportToStderr: boolean, fixNotes: readonly string[] = [], fixErrors: readonly string[] = []): number {
  let report: string;
  if (o.format === 'json') report = formatJson(reports);
  else if (o.format === 'sarif') report = formatSarif(reports, { version: VERSION, rules, cwd: io.cwd });
  else if (o.format === 'github') report = formatGithub(reports);
  else if (o.format === 'gitlab') report = formatGitlab(reports);
  else if (o.format === 'junit') report = formatJunit(reports);
  else report = formatStylish(reports, painter(colorFor(o, io, reportToStderr)), io.cwd);
  emit(o, io, report, reportToStderr);
  for (const n of fixNotes) io.stderr.write(`vcluster-cors: ${n}\n`);
  for (const e of fixErrors) io.stderr.write(`vcluster-cors: ${e}\n`);
  if (fixErrors.length > 0) return 2;

  // Exit code: errors always count; warnings count even with --quiet (they are only not shown).
  const errors = totals(reports).errors;
  if (errors > 0) return 1;
  if (o.maxWarnings !== undefined && warnings > o.maxWarnings) {
    io.stderr.write(`vcluster-cors: too many warnings (${warnings}; --max-warnings is ${o.maxWarnings})\n`);
    return 1;
  }
  return 0;
}

/** The outcomes of linting `files` on a worker pool, or undefined to lint them here (small sets, one core, a worker failure). */
async function lintPooled(files: readonly LoadedFile[], o: CliOptions, io: Io): Promise<Map<LoadedFile, LintOutcome> | undefined> {
  const size = poolSize(files.length, io.env);
  if (size === 0) return undefined;
  const configs: ResolvedConfig[] = [];
  const index = new Map<ResolvedConfig, number>();
  const jobs: LintJob[] = files.map((f) => {
    let c = index.get(f.config);
    if (c === undefined) {
      c = configs.push(f.config) - 1;
      index.set(f.config, c);
    }
    return { filePath: f.display, text: f.text, config: c, environment: o.env };
  });
  if (debugEnabled(io.env)) io.stderr.write(`vcluster-cors: linting ${files.length} files on ${size} worker threads\n`);
  try {
    const outcomes = await lintInPool(jobs, configs, size);
    return new Map(files.map((f, i) => [f, outcomes[i]]));
  } catch (e) {
    // The workers could not run (e.g. resource limits): lint here instead; the results are the same.
    if (debugEnabled(io.env)) io.stderr.write(`vcluster-cors: worker pool failed (${(e as Error).message}); linting sequentially\n`);
    return undefined;
  }
}

async function policyCommand(o: CliOptions, io: Io): Promise<number> {
  if (isRelease(o)) {
    const rel = loadRelease(o, io);
    const reports: PolicyReport[] = [{ file: `release: ${rel.info.sources.join(' → ')}`, policies: rel.result.policies, lines: new LineIndex(rel.result.synthesized.text), where: releaseWhere(rel) }];
    emit(o, io, o.format === 'json' ? formatPolicyJson(reports) : formatPolicyText(reports, painter(colorFor(o, io, false))));
    return 0;
  }
  const files = await loadFiles(o, io);
  const reports: PolicyReport[] = [];
  for (const f of files) {
    const res = computePolicies(f.text, { config: f.config, filePath: f.display });
    const lines = new LineIndex(f.text);
    if (res.syntaxError) {
      const pos = lines.position(res.syntaxError.range.start);
      io.stderr.write(
        `vcluster-cors: ${f.display}:${pos.line + 1}:${pos.character + 1}: not valid YAML (${res.syntaxError.message}); the policy shows only what could be read\n`,
      );
    }
    reports.push({ file: f.display, policies: res.policies, lines });
  }
  const out = o.format === 'json' ? formatPolicyJson(reports) : formatPolicyText(reports, painter(colorFor(o, io, false)));
  emit(o, io, out);
  return 0;
}

async function simulateCommand(o: CliOptions, io: Io): Promise<number> {
  const files = isRelease(o) ? [] : await loadFiles(o, io);
  const request: SimulationRequest = { origin: o.origin ?? '', method: o.method, headers: o.headers, credentials: o.credentials };
  const reports: SimulateReport[] = [];
  let count = 0;
  let blocked = 0;
  if (isRelease(o)) {
    const rel = loadRelease(o, io);
    const items = rel.result.policies.map((policy) => ({ policy, result: simulate(policy, request) }));
    count += items.length;
    blocked += items.filter((x) => x.result.verdict === 'blocked').length;
    reports.push({ file: `release: ${rel.info.sources.join(' → ')}`, lines: new LineIndex(rel.result.synthesized.text), items });
  }
  for (const f of files) {
    const res = computePolicies(f.text, { config: f.config, filePath: f.display });
    const lines = new LineIndex(f.text);
    if (res.syntaxError) {
      const pos = lines.position(res.syntaxError.range.start);
      io.stderr.write(
        `vcluster-cors: ${f.display}:${pos.line + 1}:${pos.character + 1}: not valid YAML (${res.syntaxError.message}); the simulation uses only what could be read\n`,
      );
    }
    const items = res.policies.map((policy) => ({ policy, result: simulate(policy, request) }));
    count += items.length;
    blocked += items.filter((x) => x.result.verdict === 'blocked').length;
    reports.push({ file: f.display, lines, items });
  }
  if (count === 0) {
    throw new InputError(
      `no CORS configuration found in ${files.length === 1 ? `\`${files[0].display}\`` : 'the files'} (no chart values with an \`ingress\` block): nothing to simulate`,
    );
  }
  const out = o.format === 'json' ? formatSimulateJson(reports) : formatSimulateText(reports, request, painter(colorFor(o, io, false)));
  emit(o, io, out);
  return blocked > 0 ? 1 : 0;
}

async function verifyCommand(o: CliOptions, io: Io): Promise<number> {
  const files = await loadFiles(o, io);
  if (files.length !== 1) throw new UsageError(`\`verify\` checks one values file at a time; \`${o.paths[0]}\` holds ${files.length}`, 'verify');
  const f = files[0];
  const result = await runVerify(o, f, { cwd: io.cwd, userAgent: `vcluster-cors/${VERSION}`, stderr: io.stderr });
  emit(o, io, o.format === 'json' ? formatVerifyJson(result) : formatVerifyText(result, painter(colorFor(o, io, false))));
  return result.match ? 0 : 1;
}

/**
 * The fix-all pass limit: VCLUSTER_CORS_MAX_FIX_PASSES (a positive integer) for debugging a fix that does not
 * converge, else the default.
 */
export function maxFixPasses(env: NodeJS.ProcessEnv): number | undefined {
  const n = Number(env.VCLUSTER_CORS_MAX_FIX_PASSES);
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

/** DEBUG=vcluster-cors (or a comma-separated list naming it, or `*`) shows stack traces of internal errors. */
export function debugEnabled(env: NodeJS.ProcessEnv): boolean {
  return (env.DEBUG ?? '').split(/[\s,]+/).some((x) => x === 'vcluster-cors' || x === '*');
}

export async function run(argv: readonly string[], io: Io): Promise<number> {
  try {
    const parsed = parseArgs(argv);
    if (parsed.kind === 'help') {
      io.stdout.write(helpFor(parsed.command));
      return 0;
    }
    if (parsed.kind === 'version') {
      io.stdout.write(`${VERSION}\n`);
      return 0;
    }
    const o = parsed.options;
    switch (o.command) {
      case 'lint':
        return await lintCommand(o, io);
      case 'policy':
        return await policyCommand(o, io);
      case 'simulate':
        return await simulateCommand(o, io);
      case 'verify':
        return await verifyCommand(o, io);
      case 'migrate':
        return await migrateCommand(o, io, loadFiles);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr.write(`vcluster-cors: ${e.message}\nRun \`vcluster-cors ${e.command ? e.command + ' ' : ''}--help\` for usage.\n`);
      return 2;
    }
    if (e instanceof FatalLines) {
      io.stderr.write(e.lines.map((l) => l + '\n').join(''));
      return 2;
    }
    if (e instanceof InputError) {
      io.stderr.write(`vcluster-cors: ${e.message}\n`);
      return 2;
    }
    const err = e as Error;
    io.stderr.write(`vcluster-cors: ${err && err.message ? err.message : String(e)}\n`);
    if (debugEnabled(io.env) && err && err.stack) io.stderr.write(err.stack + '\n');
    return 2;
  }
}
