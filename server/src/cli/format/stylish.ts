/**
 * `--format stylish` (the default): ESLint-like, one table per file and a summary. The rule id comes before the
 * message (messages are long sentences: padding them to align a trailing column pushes ids off screen).
 */
import type { Finding } from '../../engine/index';
import type { Painter } from '../color';
import { plural, shortReason, totals, type FileReport } from '../report';

function severityPaint(p: Painter, f: Finding): (s: string) => string {
  return f.severity === 'error' ? p.red : f.severity === 'warning' ? p.yellow : p.cyan;
}

export function formatStylish(reports: readonly FileReport[], p: Painter, cwd: string): string {
  let out = '';
  for (const r of reports) {
    if (r.findings.length === 0) continue;
    const rows = r.findings.map((f) => {
      const pos = r.lines.position(f.range.start);
      return {
        line: String(pos.line + 1),
        col: String(pos.character + 1),
        severity: f.severity,
        message: f.message.includes('\n') ? f.message.replace(/\s*\r?\n\s*/g, ' ') : f.message,
        ruleId: f.ruleId,
        f,
      };
    });
    const wLine = Math.max(...rows.map((x) => x.line.length));
    const wCol = Math.max(...rows.map((x) => x.col.length));
    const wSev = Math.max(...rows.map((x) => x.severity.length));
    const wRule = Math.max(...rows.map((x) => x.ruleId.length));
    out += `\n${p.underline(r.file)}  ${p.dim(`(${r.environment}: ${shortReason(r.environmentReason, cwd)})`)}\n`;
    for (const x of rows) {
      const pos = p.dim(`${x.line.padStart(wLine)}:${x.col.padEnd(wCol)}`);
      const sev = severityPaint(p, x.f)(x.severity) + ' '.repeat(wSev - x.severity.length);
      const rel = x.f.release !== undefined ? ` ${p.dim(`[release ${x.f.release}]`)}` : '';
      out += `  ${pos}  ${sev}  ${p.dim(x.ruleId)}${' '.repeat(wRule - x.ruleId.length)}  ${x.message}${rel}\n`;
    }
  }
  const t = totals(reports);
  const problems = t.errors + t.warnings + t.infos;
  if (problems === 0) return out;
  const paint = t.errors > 0 ? p.red : t.warnings > 0 ? p.yellow : p.cyan;
  out += '\n';
  out +=
    paint(
      p.bold(
        `\u2716 ${plural(problems, 'problem')} (${plural(t.errors, 'error')}, ${plural(t.warnings, 'warning')}, ${plural(t.infos, 'info')})`,
      ),
    ) + '\n';
  if (t.fixable > 0) {
    out += paint(p.bold(`  ${plural(t.fixable, 'problem')} ${t.fixable === 1 ? 'is' : 'are'} fixable with --fix`)) + '\n';
  }
  return out;
}
