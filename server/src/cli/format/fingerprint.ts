/**
 * Stable finding fingerprints for CI systems that track alerts across commits (SARIF `partialFingerprints`,
 * GitLab Code Quality `fingerprint`).
 *
 * A fingerprint must survive edits elsewhere in the file, so it never uses line or column numbers: it hashes
 * the rule id, the file path, the text of the line the finding starts on (trimmed, so re-indenting keeps it)
 * and the text the finding covers. Identical findings in one file (same rule, same line text) are told apart
 * by their order, so two copies of the same mistake get two fingerprints.
 */
import { createHash } from 'crypto';
import * as path from 'path';
import { flat, type Finding } from '../../engine/index';
import type { FileReport } from '../report';

/** Version of the fingerprint recipe: SARIF `partialFingerprints` key and part of every hash. */
export const FINGERPRINT_KEY = 'vclusterCors/v1';

/**
 * A path as CI systems show it: relative to cwd when inside it, with forward slashes (on Windows). A release's
 * `--set` flag keeps its label as written (its backslashes escape dots in the key).
 */
export function reportPath(r: Pick<FileReport, 'file' | 'flag'>): string {
  return r.flag || path.sep === '/' ? r.file : r.file.replace(/\\/g, '/');
}

function lineTextAt(text: string, offset: number): string {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  let end = text.indexOf('\n', offset);
  if (end === -1) end = text.length;
  return text.slice(start, end).trim();
}

/** The fingerprint of each finding of a file, in the order of `r.findings`. */
export function fingerprints(r: Pick<FileReport, 'file' | 'flag' | 'findings' | 'lines'>): string[] {
  const text = flat(r.lines.text);
  const seen = new Map<string, number>();
  return r.findings.map((f: Finding) => {
    const covered = text.slice(f.range.start, Math.max(f.range.start, f.range.end));
    const key = [FINGERPRINT_KEY, f.ruleId, reportPath(r), lineTextAt(text, f.range.start), covered].join('\u0000');
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    return createHash('sha256').update(`${key}\u0000${n}`).digest('hex').slice(0, 32);
  });
}
