/**
 * `--format gitlab`: a GitLab Code Quality report (`artifacts:reports:codequality`), the subset of the
 * Code Climate issue format GitLab reads: `description`, `check_name`, `fingerprint`, `severity`,
 * `location.path`, `location.lines.begin` (docs/reference/ci-formats.md). The Code Climate fields `type`,
 * `categories`, `content` and `location.lines.end` are added so the file is a valid Code Climate report too.
 *
 * Severities: error → `major`, warning → `minor`, info → `info` (GitLab's widget sorts by these; `critical`
 * and `blocker` are left for tools that can tell a breach from a mistake).
 */
import { type Severity, docsUrl } from '../../engine/index';
import { regionOf, type FileReport } from '../report';
import { fingerprints, reportPath } from './fingerprint';

export type CodeQualitySeverity = 'info' | 'minor' | 'major' | 'critical' | 'blocker';

export function codeQualitySeverity(s: Severity): CodeQualitySeverity {
  return s === 'error' ? 'major' : s === 'warning' ? 'minor' : 'info';
}

export function formatGitlab(reports: readonly FileReport[]): string {
  const issues: unknown[] = [];
  for (const r of reports) {
    const prints = fingerprints(r);
    const path = reportPath(r);
    r.findings.forEach((f, i) => {
      const g = regionOf(f.range, r.lines);
      issues.push({
        type: 'issue',
        check_name: f.ruleId,
        description: f.message,
        content: { body: `See ${docsUrl(f.ruleId)}` },
        categories: ['Security'],
        severity: codeQualitySeverity(f.severity),
        fingerprint: prints[i],
        location: { path, lines: { begin: g.startLine, end: g.endLine } },
      });
    });
  }
  return JSON.stringify(issues, null, 2) + '\n';
}
