/**
 * `--format sarif`: SARIF 2.1.0 (OASIS), one run. Locations are relative to the current folder
 * (uriBaseId %SRCROOT%), columns are UTF-16 code units, and every finding with a safe fix carries it
 * as a SARIF `fix` (character-offset replacements). A clean run still has `results: []` (code scanning
 * needs the array to close alerts), every result has `partialFingerprints`, every rule a `helpUri`.
 */
import * as path from 'path';
import { pathToFileURL } from 'url';
import { type Finding, type Severity, type Rule, docsUrl } from '../../engine/index';
import { fixableIn, regionOf, type FileReport } from '../report';
import { FINGERPRINT_KEY, fingerprints } from './fingerprint';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
export const INFORMATION_URI = 'https://github.com/vcluster-cors/vcluster-cors';
const SRCROOT = '%SRCROOT%';

type Level = 'error' | 'warning' | 'note';

export function sarifLevel(s: Severity): Level {
  return s === 'error' ? 'error' : s === 'warning' ? 'warning' : 'note';
}

/** Relative URI reference (forward slashes, each segment percent-encoded), or a file: URL outside cwd. */
export function artifactUri(abs: string, cwd: string): { uri: string; uriBaseId?: string } {
  const rel = path.relative(cwd, abs);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return { uri: pathToFileURL(abs).href };
  return { uri: rel.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
}

export interface SarifOptions {
  version: string;
  rules: readonly Rule[];
  cwd: string;
}

export function formatSarif(reports: readonly FileReport[], o: SarifOptions): string {
  const ruleIndex = new Map(o.rules.map((r, i) => [r.meta.id, i]));
  const results: unknown[] = [];
  for (const r of reports) {
    const artifactLocation = artifactUri(r.abs, o.cwd);
    const prints = fingerprints(r);
    r.findings.forEach((f, i) => results.push(result(f, r, artifactLocation, ruleIndex, o.cwd, prints[i])));
  }
  const cwdUrl = pathToFileURL(o.cwd).href;
  const log = {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'vcluster-cors',
            informationUri: INFORMATION_URI,
            version: o.version,
            rules: o.rules.map((rule) => ({
              id: rule.meta.id,
              shortDescription: { text: rule.meta.description },
              helpUri: docsUrl(rule.meta.id),
              defaultConfiguration: { level: sarifLevel(rule.meta.defaultSeverity) },
              properties: { fixable: rule.meta.fixable !== false, kind: rule.meta.kind },
            })),
          },
        },
        originalUriBaseIds: { [SRCROOT]: { uri: cwdUrl.endsWith('/') ? cwdUrl : cwdUrl + '/' } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

function result(
  f: Finding,
  r: FileReport,
  artifactLocation: { uri: string; uriBaseId?: string },
  ruleIndex: Map<string, number>,
  cwd: string,
  fingerprint: string,
): unknown {
  const out: Record<string, unknown> = { ruleId: f.ruleId };
  const idx = ruleIndex.get(f.ruleId);
  if (idx !== undefined) out.ruleIndex = idx;
  out.level = sarifLevel(f.severity);
  out.message = { text: f.message };
  // A release flag (`--set a=b`) has no file: a logical location names the flag, the region is in its argument.
  out.locations = r.flag
    ? [
        {
          logicalLocations: [{ name: `${r.flag.name} ${r.flag.value}`, kind: 'parameter' }],
          message: { text: `${r.flag.name} ${r.flag.value}` },
        },
      ]
    : [{ physicalLocation: { artifactLocation, region: regionOf(f.range, r.lines) } }];
  if (f.release !== undefined) out.properties = { release: f.release };
  // Tracks the alert across commits (code scanning); line numbers are not part of it (fingerprint.ts).
  out.partialFingerprints = { [FINGERPRINT_KEY]: fingerprint };
  if (f.related.length > 0) {
    out.relatedLocations = f.related.map((rel, i) => ({
      id: i,
      message: { text: rel.message },
      // In another source of a release: a file (no region: its lines are not in this report), or a flag.
      ...(rel.filePath?.startsWith('--') ? { logicalLocations: [{ name: rel.filePath, kind: 'parameter' }] } : {}),
      ...(rel.filePath?.startsWith('--')
        ? {}
        : {
            physicalLocation: rel.filePath
              ? { artifactLocation: artifactUri(path.resolve(cwd, rel.filePath), cwd) }
              : { artifactLocation, region: regionOf(rel.range, r.lines) },
          }),
    }));
  }
  if (fixableIn(f, r)) {
    const fx = f.fixes.find((x) => x.safe && x.edits.length > 0)!;
    out.fixes = [
      {
        description: { text: fx.title },
        artifactChanges: [
          {
            artifactLocation,
            replacements: [...fx.edits]
              .sort((a, b) => a.start - b.start)
              .map((e) => ({
                deletedRegion: { charOffset: e.start, charLength: e.end - e.start },
                insertedContent: { text: e.newText },
              })),
          },
        ],
      },
    ];
  }
  return out;
}
