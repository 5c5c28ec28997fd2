/**
 * Table tests for one rule, in the spirit of ESLint's RuleTester: code in → exact findings
 * (id, message, 1-based line/column range, severity) and the exact text after applying the rule's fixes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintText } from '../../server/src/engine/lint';
import { applyEdits, selectNonOverlapping } from '../../server/src/engine/fix/apply';
import { LineIndex } from '../../server/src/engine/parse/positions';
import { DEFAULT_CONFIG, type ResolvedConfig } from '../../server/src/engine/config/config';
import type { Environment, Finding, Severity } from '../../server/src/engine/types';

export interface ExpectedError {
  message: string | RegExp;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  severity?: Severity;
  /** Expected titles of all fixes (safe and unsafe), in order. */
  fixTitles?: string[];
}

export interface ValidCase {
  name?: string;
  code: string;
  filename?: string;
  env?: Environment;
  config?: Partial<ResolvedConfig>;
}

export interface InvalidCase extends ValidCase {
  errors: ExpectedError[];
  /** Text after applying the first safe fix of every finding of this rule (non-overlapping). null: no safe fix. */
  output?: string | null;
}

export interface RuleTests {
  valid: (ValidCase | string)[];
  invalid: InvalidCase[];
}

function run(ruleId: string, c: ValidCase): { findings: Finding[]; lines: LineIndex } {
  const config: ResolvedConfig = { ...DEFAULT_CONFIG, ...(c.config ?? {}), rules: { ...DEFAULT_CONFIG.rules, ...(c.config?.rules ?? {}) } };
  const res = lintText(c.code, { filePath: c.filename ?? 'vcluster-platform.yaml', environment: c.env, config });
  return { findings: res.findings.filter((f) => f.ruleId === ruleId), lines: new LineIndex(c.code) };
}

function show(f: Finding, lines: LineIndex) {
  const s = lines.position(f.range.start);
  const e = lines.position(f.range.end);
  return { message: f.message, line: s.line + 1, column: s.character + 1, endLine: e.line + 1, endColumn: e.character + 1, severity: f.severity };
}

/** The same text with CRLF line breaks (a `\r\n` already there is kept). */
export function toCrlf(s: string): string {
  return s.replace(/\r?\n/g, '\r\n');
}

/**
 * Runs the table twice: as written (LF) and once more with every line break of the input and the expected
 * output turned into CRLF — a CRLF file must get the same findings at the same lines and columns, and the same
 * fixes, with its own line breaks.
 */
/** Filled instead of registering tests when VCLUSTER_CORS_COLLECT_RULE_INPUTS=1. */
export const collectedRuleInputs: { ruleId: string; tests: RuleTests }[] = [];

export function ruleTester(ruleId: string, tests: RuleTests): void {
  // Collect mode (test/rules/migrate-inputs.test.ts): every input is also migrated to each controller (issue 17).
  if (process.env.VCLUSTER_CORS_COLLECT_RULE_INPUTS === '1') {
    collectedRuleInputs.push({ ruleId, tests });
    return;
  }
  runTable(ruleId, tests, '');
  // In a valid case a size limit grows by the bytes the CRLF conversion adds, so "at the limit" stays so (an
  // invalid case over the limit is over it either way).
  const crlfValid = (c: ValidCase): ValidCase => {
    const added = toCrlf(c.code).length - c.code.length;
    const maxFileSize = c.config?.maxFileSize;
    return { ...c, code: toCrlf(c.code), ...(maxFileSize !== undefined ? { config: { ...c.config, maxFileSize: maxFileSize + added } } : {}) };
  };
  runTable(
    ruleId,
    {
      valid: tests.valid.map((v) => (typeof v === 'string' ? toCrlf(v) : crlfValid(v))),
      invalid: tests.invalid.map((c) => ({ ...c, code: toCrlf(c.code), output: typeof c.output === 'string' ? toCrlf(c.output) : c.output })),
    },
    ' (CRLF)',
  );
}

function runTable(ruleId: string, tests: RuleTests, suffix: string): void {
  tests.valid.forEach((v, i) => {
    const c = typeof v === 'string' ? { code: v } : v;
    test(`${ruleId} valid #${i + 1}${c.name ? ': ' + c.name : ''}${suffix}`, () => {
      const { findings, lines } = run(ruleId, c);
      assert.deepEqual(findings.map((f) => show(f, lines)), []);
    });
  });
  tests.invalid.forEach((c, i) => {
    test(`${ruleId} invalid #${i + 1}${c.name ? ': ' + c.name : ''}${suffix}`, () => {
      const { findings, lines } = run(ruleId, c);
      const actual = findings.map((f) => show(f, lines));
      assert.equal(actual.length, c.errors.length, `expected ${c.errors.length} finding(s), got:\n${JSON.stringify(actual, null, 2)}`);
      c.errors.forEach((e, k) => {
        const a = actual[k];
        if (e.message instanceof RegExp) assert.match(a.message, e.message);
        else assert.equal(a.message, e.message);
        assert.equal(a.line, e.line, `line of finding ${k + 1}`);
        assert.equal(a.column, e.column, `column of finding ${k + 1}`);
        if (e.endLine !== undefined) assert.equal(a.endLine, e.endLine, `endLine of finding ${k + 1}`);
        if (e.endColumn !== undefined) assert.equal(a.endColumn, e.endColumn, `endColumn of finding ${k + 1}`);
        if (e.severity !== undefined) assert.equal(a.severity, e.severity, `severity of finding ${k + 1}`);
        if (e.fixTitles !== undefined) assert.deepEqual(findings[k].fixes.map((f) => f.title), e.fixTitles);
      });
      const safe = findings.map((f) => f.fixes.find((x) => x.safe)).filter((x): x is NonNullable<typeof x> => !!x);
      if (c.output === undefined) {
        assert.equal(safe.length, 0, 'the rule offers a safe fix: the test case must state `output`');
        return;
      }
      if (c.output === null) {
        assert.equal(safe.length, 0, 'expected no safe fix');
        return;
      }
      const chosen = selectNonOverlapping(safe);
      const fixed = applyEdits(c.code, chosen.flatMap((f) => f.edits));
      assert.equal(fixed, c.output);
      // The fixed text must re-lint with fewer findings of this rule.
      const again = run(ruleId, { ...c, code: fixed });
      assert.ok(again.findings.length < findings.length, `fixing did not remove findings: ${JSON.stringify(again.findings.map((f) => f.message))}`);
    });
  });
}

/**
 * A values file with CORS annotations. Keys without a `/` get the ingress-nginx prefix; lines that start with
 * white space are kept verbatim (block scalar continuation). Annotations start on line 5, column 5.
 */
export function values(annotations: string, opts: { enabled?: string; after?: string; before?: string } = {}): string {
  const lines = annotations
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => {
      // Continuation lines (block scalars, nested values) are given with their own indentation.
      if (/^\s/.test(l)) return l;
      const t = l.trim();
      if (t.startsWith('#') || /^[^:\s]*\//.test(t)) return '    ' + t;
      return '    nginx.ingress.kubernetes.io/' + t;
    });
  return (
    (opts.before ?? '') +
    'ingress:\n' +
    `  enabled: ${opts.enabled ?? 'true'}\n` +
    '  host: "platform.example.com"\n' +
    '  annotations:\n' +
    lines.join('\n') +
    '\n' +
    (opts.after ?? '')
  );
}
