/**
 * `vcluster-cors lint`: the files one by one (each file of a configured release in its release), a release
 * given by flags, or `--print-config`; `--fix` / `--fix-dry-run`; then the report in the chosen format and the
 * exit code.
 */
import * as path from 'path';
import { isRelease, type CliOptions } from './args';
import { describeFsError } from './files';
import { painter } from './color';
import { ChangedOnDiskError, spliceBytes, writeInPlace } from './io';
import { totals, type FileReport } from './report';
import { lintInPool, poolSize, type LintJob, type LintOutcome } from './pool';
import { formatStylish } from './format/stylish';
import { formatJson } from './format/json';
import { formatSarif } from './format/sarif';
import { formatGithub } from './format/github';
import { formatGitlab } from './format/gitlab';
import { formatJunit } from './format/junit';
import { colorFor, configErrorLines, debugEnabled, emit, FatalLines, maxFixPasses, VERSION, type Io } from './context';
import { loadFiles, type LoadedFile } from './load';
import { lintConfiguredReleases, loadRelease, releaseReports, type ReleaseFileResult } from './releases';
import {
  ConfigError,
  fixText,
  hasSyntaxError,
  lintText,
  LineIndex,
  loadConfigFile,
  resolveConfigFor,
  ruleIds,
  rules,
  type ConfigCache,
  type LintResult,
  type ResolvedConfig,
} from '../engine/index';

export async function lintCommand(o: CliOptions, io: Io): Promise<number> {
  if (o.printConfig !== undefined) return printConfig(o, io, o.printConfig);
  if (isRelease(o)) return lintFlagRelease(o, io);
  return lintFiles(o, io);
}

/** `--print-config FILE`: the configuration that applies to FILE, as JSON. */
function printConfig(o: CliOptions, io: Io, printConfig: string): number {
  const file = path.resolve(io.cwd, printConfig);
  const cache: ConfigCache = new Map();
  try {
    const config =
      o.config !== undefined
        ? loadConfigFile(path.resolve(io.cwd, o.config), { cache, knownRuleIds: ruleIds })
        : resolveConfigFor(file, { cache, knownRuleIds: ruleIds });
    emit(o, io, JSON.stringify(config, null, 2) + '\n');
  } catch (e) {
    if (e instanceof ConfigError) throw new FatalLines(configErrorLines(e, io.cwd));
    throw e;
  }
  return 0;
}

/** A release given by `-f`/`--set` flags. */
function lintFlagRelease(o: CliOptions, io: Io): number {
  const rel = loadRelease(o, io);
  const reports = releaseReports(rel).map((r) => (o.quiet ? { ...r, findings: r.findings.filter((x) => x.severity === 'error') } : r));
  let warnings = 0;
  for (const r of rel.result.results) for (const x of r?.findings ?? []) if (x.severity === 'warning') warnings++;
  return finishLint(o, io, reports, warnings, false);
}

/** What a lint run over files collects while it goes. */
interface LintRun {
  reports: FileReport[];
  warnings: number;
  /** One-line problems with --fix that end the run with exit code 2 (printed after the report). */
  fixErrors: string[];
  /** One-line notes about --fix that do not change the exit code. */
  fixNotes: string[];
  /** Files of `releases:` that --fix left alone. */
  notFixed: number;
  /** With `--fix -`: the fixed text, for standard output. */
  fixedText?: string;
}

/** The part of a lint result a report needs (from this thread or from a worker). */
type Linted = Pick<LintResult, 'environment' | 'environmentReason' | 'findings' | 'lines'>;

async function lintFiles(o: CliOptions, io: Io): Promise<number> {
  const files = await loadFiles(o, io);
  const stdinFix = o.fix && files.length === 1 && files[0].stdin;
  const run: LintRun = { reports: [], warnings: 0, fixErrors: [], fixNotes: [], notFixed: 0 };
  const inReleases = lintConfiguredReleases(files, o, io);
  // Large sets are linted on worker threads (same results, same order); --fix stays in this thread.
  const pooled =
    o.fix || o.fixDryRun
      ? undefined
      : await lintPooled(
          files.filter((f) => f.stdin || !inReleases.has(f.abs)),
          o,
          io,
        );
  for (const f of files) {
    const rel = inReleases.get(f.abs);
    if (rel && !f.stdin) {
      reportReleaseFile(f, rel, o, run);
      continue;
    }
    const p = pooled?.get(f);
    let result: Linted;
    if (p) {
      result = {
        environment: p.environment,
        environmentReason: p.environmentReason,
        findings: p.findings,
        lines: new LineIndex(f.text, p.lineStarts),
      };
    } else if (o.fix || o.fixDryRun) {
      result = fixFile(f, o, io, stdinFix, run);
    } else {
      result = lintText(f.text, { filePath: f.display, environment: o.env, config: f.config });
    }
    for (const x of result.findings) if (x.severity === 'warning') run.warnings++;
    const findings = o.quiet ? result.findings.filter((x) => x.severity === 'error') : result.findings;
    run.reports.push({
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

  const { notFixed, fixNotes } = run;
  if (notFixed > 0)
    fixNotes.push(
      `--fix left ${notFixed === 1 ? '1 file' : `${notFixed} files`} of \`releases:\` unchanged (release files are reported, not rewritten)`,
    );
  // With `--fix -` the fixed text owns standard output; the report goes to standard error.
  if (run.fixedText !== undefined) io.stdout.write(run.fixedText);
  return finishLint(o, io, run.reports, run.warnings, stdinFix, fixNotes, run.fixErrors);
}

/** A file of a release is judged in its release; --fix does not rewrite it (its fixes may belong to another file). */
function reportReleaseFile(f: LoadedFile, rel: ReleaseFileResult, o: CliOptions, run: LintRun): void {
  if (o.fix) run.notFixed++;
  const result = { ...rel.result, filePath: f.display };
  for (const x of result.findings) if (x.severity === 'warning') run.warnings++;
  run.reports.push({
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
}

/**
 * `--fix` / `--fix-dry-run` of one file: fixes the text and writes it back (or keeps it for standard output);
 * returns the lint result of what the file now is (the original text when it was not changed).
 */
function fixFile(f: LoadedFile, o: CliOptions, io: Io, stdinFix: boolean, run: LintRun): LintResult {
  const lintOptions = { filePath: f.display, environment: o.env, config: f.config };
  const { fixErrors, fixNotes } = run;
  const fixed = fixText(f.text, { ...lintOptions, maxPasses: maxFixPasses(io.env) });
  let result = fixed.result;
  const changed = fixed.text !== f.text;
  if (fixed.stopped === 'max-passes') {
    // A fix that does not converge: writing what ten passes made of the file could make it worse.
    fixErrors.push(
      `\`${f.display}\`: fixing stopped after ${fixed.passes} passes with fixes still left (a fix does not converge); the file was not changed. Please report this.`,
    );
    result = lintText(f.text, lintOptions);
  } else if (stdinFix) run.fixedText = fixed.text;
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
    fixNotes.push(
      `\`${f.display}\`: ${fixed.dropped} fix${fixed.dropped === 1 ? ' was' : 'es were'} not applied because ${fixed.dropped === 1 ? 'it' : 'they'} would make the file worse (a new error or an invalid file).`,
    );
  }
  return result;
}

function finishLint(
  o: CliOptions,
  io: Io,
  reports: FileReport[],
  warnings: number,
  reportToStderr: boolean,
  fixNotes: readonly string[] = [],
  fixErrors: readonly string[] = [],
): number {
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
  if (size < 2) return undefined;
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
  if (debugEnabled(io.env))
    io.stderr.write(
      `vcluster-cors: linting ${files.length} files on ${size} threads (this one and ${size - 1} worker${size === 2 ? '' : 's'})\n`,
    );
  try {
    const outcomes = await lintInPool(jobs, configs, size);
    return new Map(files.map((f, i) => [f, outcomes[i]]));
  } catch (e) {
    // The workers could not run (e.g. resource limits): lint here instead; the results are the same.
    if (debugEnabled(io.env)) io.stderr.write(`vcluster-cors: worker pool failed (${(e as Error).message}); linting sequentially\n`);
    return undefined;
  }
}
