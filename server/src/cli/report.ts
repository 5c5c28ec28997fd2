/** What the lint command reports per file, in the 1-based positions the formatters print. */
import type { Environment, Finding, Range, Severity, LineIndex } from '../engine/index';

export interface FileReport {
  /** Path as given on the command line (or found under a given folder), or the stdin name. */
  file: string;
  abs: string;
  stdin: boolean;
  environment: Environment;
  environmentReason: string;
  /** Findings to report (after --quiet). */
  findings: Finding[];
  lines: LineIndex;
  /** The file does not parse cleanly, so --fix leaves it alone: none of its findings counts as fixable. */
  fixBlocked: boolean;
  /** Set when the file is one source of a Helm release: the release and its sources in Helm's order. */
  release?: ReleaseInfo;
  /** Every release of a file shared by several (`release` is the first). */
  releases?: ReleaseInfo[];
  /** Set when the "file" is a command-line flag of a release (`--set a=b`): positions are in its argument. */
  flag?: { name: string; value: string };
}

export interface ReleaseInfo {
  name: string;
  sources: string[];
}

/** One finding as the JSON format prints it: 1-based lines and columns, end exclusive. */
export interface Diagnostic {
  ruleId: string;
  /** The release(s) of the finding, when the file belongs to several. */
  release?: string;
  severity: Severity;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  fixable: boolean;
  /** The rule's message id (stable across wording changes), when the rule gives one. */
  messageId?: string;
  /** Related locations: in this file (positions), in another file of a release (`file`), or at a flag (`flag`). */
  related?: RelatedDiagnostic[];
}

export type RelatedDiagnostic =
  | { message: string; line: number; column: number; endLine: number; endColumn: number }
  | { message: string; file: string }
  | { message: string; flag: string };

export interface Region {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

export function regionOf(range: Range, lines: LineIndex): Region {
  const s = lines.position(range.start);
  const e = lines.position(Math.max(range.start, range.end));
  return { startLine: s.line + 1, startColumn: s.character + 1, endLine: e.line + 1, endColumn: e.character + 1 };
}

/** A finding is fixable when it has a safe fix (the kind --fix applies). */
export function isFixable(f: Finding): boolean {
  return f.fixes.some((x) => x.safe && x.edits.length > 0);
}

/** Whether --fix would fix this finding of this file. */
export function fixableIn(f: Finding, report: Pick<FileReport, 'fixBlocked'>): boolean {
  return !report.fixBlocked && isFixable(f);
}

export function toDiagnostic(f: Finding, report: Pick<FileReport, 'fixBlocked' | 'lines'>): Diagnostic {
  const lines = report.lines;
  const r = regionOf(f.range, lines);
  return {
    ruleId: f.ruleId,
    ...(f.release !== undefined ? { release: f.release } : {}),
    severity: f.severity,
    message: f.message,
    line: r.startLine,
    column: r.startColumn,
    endLine: r.endLine,
    endColumn: r.endColumn,
    fixable: fixableIn(f, report),
    ...(f.messageId !== undefined ? { messageId: f.messageId } : {}),
    ...(f.related.length > 0 ? { related: f.related.map((rel) => relatedDiagnostic(rel, lines)) } : {}),
  };
}

function relatedDiagnostic(rel: Finding['related'][number], lines: FileReport['lines']): RelatedDiagnostic {
  if (rel.filePath?.startsWith('--')) return { message: rel.message, flag: rel.filePath };
  if (rel.filePath) return { message: rel.message, file: rel.filePath };
  const r = regionOf(rel.range, lines);
  return { message: rel.message, line: r.startLine, column: r.startColumn, endLine: r.endLine, endColumn: r.endColumn };
}

export interface Totals {
  errors: number;
  warnings: number;
  infos: number;
  fixable: number;
}

export function totals(reports: readonly FileReport[]): Totals {
  const t: Totals = { errors: 0, warnings: 0, infos: 0, fixable: 0 };
  for (const r of reports) {
    for (const f of r.findings) {
      if (f.severity === 'error') t.errors++;
      else if (f.severity === 'warning') t.warnings++;
      else t.infos++;
      if (fixableIn(f, r)) t.fixable++;
    }
  }
  return t;
}

export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

/** Short, readable form of the engine's environment reason. */
export function shortReason(reason: string, cwd: string): string {
  if (reason.startsWith('default')) return 'default';
  const prefix = cwd.endsWith('/') || cwd.endsWith('\\') ? cwd : cwd + (cwd.includes('\\') && !cwd.includes('/') ? '\\' : '/');
  return reason.split(prefix).join('');
}
