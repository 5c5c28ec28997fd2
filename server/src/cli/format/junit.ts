/**
 * `--format junit`: JUnit XML for CI systems that show test reports (GitLab `artifacts:reports:junit`,
 * Jenkins, Azure Pipelines, CircleCI). One `<testsuite>` per linted file; each finding is a failing
 * `<testcase>` named after its rule and position; a file without findings is one passing `<testcase>`, so
 * clean files show up as passed checks. Shape as ESLint's `junit` formatter.
 */
import { type Severity, docsUrl } from '../../engine/index';
import { regionOf, type FileReport } from '../report';
import { reportPath } from './fingerprint';

/** XML 1.0 text and attribute escaping; characters XML 1.0 cannot carry at all are dropped. */
export function xmlEscape(s: string): string {
  return s
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

const LABEL: Record<Severity, string> = { error: 'Error', warning: 'Warning', info: 'Info' };

export function formatJunit(reports: readonly FileReport[]): string {
  let out = '<?xml version="1.0" encoding="utf-8"?>\n<testsuites>\n';
  for (const r of reports) {
    const file = xmlEscape(reportPath(r));
    const n = r.findings.length;
    out += `  <testsuite package="vcluster-cors" time="0" tests="${Math.max(n, 1)}" errors="0" failures="${n}" name="${file}">\n`;
    if (n === 0) out += `    <testcase time="0" name="${file}" classname="${file}" />\n`;
    for (const f of r.findings) {
      const g = regionOf(f.range, r.lines);
      const where = `${reportPath(r)}:${g.startLine}:${g.startColumn}`;
      const body = `${where}: ${LABEL[f.severity]} - ${f.message} (${f.ruleId})\n${docsUrl(f.ruleId)}`;
      out += `    <testcase time="0" name="${xmlEscape(`${f.ruleId} at ${where}`)}" classname="${file}">\n`;
      out += `      <failure message="${xmlEscape(f.message)}" type="${f.severity}">${xmlEscape(body)}</failure>\n`;
      out += `    </testcase>\n`;
    }
    out += '  </testsuite>\n';
  }
  return out + '</testsuites>\n';
}
