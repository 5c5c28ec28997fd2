/**
 * `--format github`: GitHub Actions workflow commands, one per finding, which the runner turns into
 * annotations on the pull request's diff:
 *
 *   ::error file=values.yaml,line=9,col=52,endLine=9,endColumn=60,title=vcluster-cors(wildcard-origin)::message
 *
 * Levels: error → `error`, warning → `warning`, info → `notice`. Escaping follows the runner's own
 * (actions/toolkit `command.ts`): in the message `%`, CR and LF become `%25`, `%0D`, `%0A`; in property
 * values `:` and `,` also become `%3A` and `%2C`. See docs/reference/ci-formats.md.
 */
import { type Severity, docsUrl } from '../../engine/index';
import { regionOf, type FileReport } from '../report';
import { reportPath } from './fingerprint';

export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function command(s: Severity): 'error' | 'warning' | 'notice' {
  return s === 'error' ? 'error' : s === 'warning' ? 'warning' : 'notice';
}

export function formatGithub(reports: readonly FileReport[]): string {
  let out = '';
  for (const r of reports) {
    const file = reportPath(r);
    for (const f of r.findings) {
      const g = regionOf(f.range, r.lines);
      // A release's `--set` flag is no file of the repository: the annotation names the flag instead.
      const props: [string, string | number][] = r.flag
        ? [['title', `vcluster-cors(${f.ruleId}) ${r.flag.name} ${r.flag.value}`]]
        : [
            ['file', file],
            ['line', g.startLine],
            ['col', g.startColumn],
            ['endLine', g.endLine],
            ['endColumn', g.endColumn],
            ['title', `vcluster-cors(${f.ruleId})`],
          ];
      const head = props.map(([k, v]) => `${k}=${escapeProperty(String(v))}`).join(',');
      out += `::${command(f.severity)} ${head}::${escapeData(`${f.message}\n${docsUrl(f.ruleId)}`)}\n`;
    }
  }
  return out;
}
