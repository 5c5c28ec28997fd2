import type { FileReport } from '../report';
import { toDiagnostic } from '../report';

/** `--format json`: one entry per file, keys in a fixed order, pretty-printed with 2 spaces. */
export function formatJson(reports: readonly FileReport[]): string {
  const out = reports.map((r) => ({
    file: r.file,
    environment: r.environment,
    ...(r.release ? { release: r.release } : {}),
    ...(r.releases ? { releases: r.releases } : {}),
    ...(r.flag ? { flag: r.flag } : {}),
    diagnostics: r.findings.map((f) => toDiagnostic(f, r)),
  }));
  return JSON.stringify(out, null, 2) + '\n';
}
