/** Findings → LSP diagnostics. */
import { pathToFileURL } from 'url';
import { DiagnosticSeverity, DiagnosticTag } from 'vscode-languageserver/node';
import type { Diagnostic, Range as LspRange } from 'vscode-languageserver/node';
import { docsUrl, type Finding, type Range, type Severity, type LineIndex } from '../engine/index';
import type { Analysis } from './analysis';
import { DIAGNOSTIC_SOURCE } from '../protocol';

/** What code actions need to find the finding behind a diagnostic again. */
export interface DiagnosticData {
  /** Document version the diagnostic was computed for. */
  version: number;
  /** Index into Analysis.findings. */
  index: number;
}

export const CONFIG_ERROR_CODE = 'config';

export function toLspRange(lines: LineIndex, r: Range): LspRange {
  return { start: lines.position(r.start), end: lines.position(r.end) };
}

export function fromLspRange(lines: LineIndex, r: LspRange): Range {
  return { start: lines.offset(r.start.line, r.start.character), end: lines.offset(r.end.line, r.end.character) };
}

export function toLspSeverity(s: Severity): DiagnosticSeverity {
  return s === 'error' ? DiagnosticSeverity.Error : s === 'warning' ? DiagnosticSeverity.Warning : DiagnosticSeverity.Information;
}

/**
 * The Problems panel and the hover of a diagnostic show `message` as plain text: code spans lose their backticks
 * (the CLI and the docs, where markdown is rendered or expected, keep them).
 */
export function plainText(message: string): string {
  return message.replace(/`([^`\n]+)`/g, '$1');
}

export function findingToDiagnostic(a: Analysis, f: Finding, index: number): Diagnostic {
  const d: Diagnostic = {
    range: toLspRange(a.lines, f.range),
    severity: toLspSeverity(f.severity),
    source: DIAGNOSTIC_SOURCE,
    code: f.ruleId,
    codeDescription: { href: docsUrl(f.ruleId) },
    message: plainText(f.message),
    data: { version: a.version, index } satisfies DiagnosticData,
  };
  if (f.unnecessary) d.tags = [DiagnosticTag.Unnecessary];
  if (f.related.length > 0) {
    d.relatedInformation = [];
    for (const r of f.related) {
      // A release: the related value may be in another file of the release.
      const other = r.filePath ? a.release?.linesOf(r.filePath) : undefined;
      if (r.filePath && !other) continue;
      d.relatedInformation.push({
        location: other
          ? { uri: pathToFileURL(r.filePath!).href, range: toLspRange(other, r.range) }
          : { uri: a.uri, range: toLspRange(a.lines, r.range) },
        message: plainText(r.message),
      });
    }
    if (d.relatedInformation.length === 0) delete d.relatedInformation;
  }
  return d;
}

export function diagnosticsFor(a: Analysis): Diagnostic[] {
  if (!a.validated) return [];
  const out = a.findings.map((f, i) => findingToDiagnostic(a, f, i));
  if (a.configError) {
    out.unshift({
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      severity: DiagnosticSeverity.Error,
      source: DIAGNOSTIC_SOURCE,
      code: CONFIG_ERROR_CODE,
      message: a.configError,
    });
  }
  return out;
}

/** The finding behind a diagnostic of ours: by data when the version matches, else by rule id and range. */
export function findingForDiagnostic(a: Analysis, d: Diagnostic): { finding: Finding; index: number } | undefined {
  if (d.source !== DIAGNOSTIC_SOURCE || typeof d.code !== 'string') return undefined;
  const data = d.data as Partial<DiagnosticData> | undefined;
  if (data && data.version === a.version && typeof data.index === 'number') {
    const f = a.findings[data.index];
    if (f && f.ruleId === d.code) return { finding: f, index: data.index };
  }
  const r = fromLspRange(a.lines, d.range);
  const i = a.findings.findIndex((f) => f.ruleId === d.code && f.range.start === r.start && f.range.end === r.end);
  return i >= 0 ? { finding: a.findings[i], index: i } : undefined;
}
