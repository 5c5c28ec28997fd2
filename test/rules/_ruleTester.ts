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
import { ruleById } from '../../server/src/engine/rules/registry';
import { renderHeadline } from '../../server/src/engine/rules/rule';
import type { Environment, Finding, Severity } from '../../server/src/engine/types';

export interface ExpectedError {
  /**
   * The explanation after the headline (a string: the headline of `messageId` with its data is put in front and
   * the whole message compared), or a RegExp matched against the explanation.
   */
  message: string | RegExp;
  /** The message id (its headline is in the rule's meta.messages) and the headline's data. */
  messageId?: string;
  data?: Record<string, string | number>;
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
  /**
   * Text after applying the first unsafe fix of every finding (non-overlapping): the quick fixes a user applies
   * on request are asserted like the safe ones. null: no unsafe fix.
   */
  unsafeOutput?: string | null;
}

export interface RuleTests {
  valid: (ValidCase | string)[];
  invalid: InvalidCase[];
  /**
   * A further table for a rule whose own test file (test/rules/<id>.test.ts) holds the cases that show every kind of
   * fix: here meta.fixable must only cover the fixes these cases see.
   */
  partial?: true;
}

function run(ruleId: string, c: ValidCase): { findings: Finding[]; lines: LineIndex } {
  const config: ResolvedConfig = { ...DEFAULT_CONFIG, ...(c.config ?? {}), rules: { ...DEFAULT_CONFIG.rules, ...(c.config?.rules ?? {}) } };
  const res = lintText(c.code, { filePath: c.filename ?? 'vcluster-platform.yaml', environment: c.env, config });
  return { findings: res.findings.filter((f) => f.ruleId === ruleId), lines: new LineIndex(c.code) };
}

function show(f: Finding, lines: LineIndex) {
  const s = lines.position(f.range.start);
  const e = lines.position(f.range.end);
  return {
    message: f.message,
    line: s.line + 1,
    column: s.character + 1,
    endLine: e.line + 1,
    endColumn: e.character + 1,
    severity: f.severity,
  };
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
  // The fixes the invalid cases see, to check meta.fixable against.
  const seen = { safe: false, unsafe: false };
  runTable(ruleId, tests, '', seen);
  // In a valid case a size limit grows by the bytes the CRLF conversion adds, so "at the limit" stays so (an
  // invalid case over the limit is over it either way).
  const crlfValid = (c: ValidCase): ValidCase => {
    const added = toCrlf(c.code).length - c.code.length;
    const maxFileSize = c.config?.maxFileSize;
    return {
      ...c,
      code: toCrlf(c.code),
      ...(maxFileSize !== undefined ? { config: { ...c.config, maxFileSize: maxFileSize + added } } : {}),
    };
  };
  runTable(
    ruleId,
    {
      valid: tests.valid.map((v) => (typeof v === 'string' ? toCrlf(v) : crlfValid(v))),
      invalid: tests.invalid.map((c) => ({
        ...c,
        code: toCrlf(c.code),
        output: typeof c.output === 'string' ? toCrlf(c.output) : c.output,
        unsafeOutput: typeof c.unsafeOutput === 'string' ? toCrlf(c.unsafeOutput) : c.unsafeOutput,
      })),
    },
    ' (CRLF)',
    seen,
  );
  test(`${ruleId} meta.fixable matches the fixes of its test cases`, () => {
    const meta = ruleById.get(ruleId)?.meta;
    assert.ok(meta, `no rule ${ruleId}`);
    const shown = seen.safe ? 'safe' : seen.unsafe ? 'unsafe' : false;
    if (tests.partial) {
      if (seen.safe) assert.equal(meta.fixable, 'safe', `the cases show ${JSON.stringify(seen)}`);
      else if (seen.unsafe) assert.notEqual(meta.fixable, false, `the cases show ${JSON.stringify(seen)}`);
    } else assert.equal(meta.fixable, shown, `the cases show ${JSON.stringify(seen)}`);
  });
}

function runTable(ruleId: string, tests: RuleTests, suffix: string, seen: { safe: boolean; unsafe: boolean }): void {
  tests.valid.forEach((v, i) => {
    const c = typeof v === 'string' ? { code: v } : v;
    test(`${ruleId} valid #${i + 1}${c.name ? ': ' + c.name : ''}${suffix}`, () => {
      const { findings, lines } = run(ruleId, c);
      assert.deepEqual(
        findings.map((f) => show(f, lines)),
        [],
      );
    });
  });
  tests.invalid.forEach((c, i) => {
    test(`${ruleId} invalid #${i + 1}${c.name ? ': ' + c.name : ''}${suffix}`, () => {
      const { findings, lines } = run(ruleId, c);
      for (const f of findings) {
        for (const x of f.fixes) if (!x.fromCause) seen[x.safe ? 'safe' : 'unsafe'] = true;
        // Every message starts with its headline: one sentence of at most 100 characters.
        if (f.messageId === undefined) continue;
        const headline = renderHeadline(ruleById.get(ruleId)!.meta, f.messageId, f.data);
        assert.ok(f.message.startsWith(headline), `the message starts with its headline: ${f.message}`);
        assert.ok(headline.length <= 100, `headline over 100 characters: ${headline}`);
      }
      const actual = findings.map((f) => show(f, lines));
      assert.equal(actual.length, c.errors.length, `expected ${c.errors.length} finding(s), got:\n${JSON.stringify(actual, null, 2)}`);
      const meta = ruleById.get(ruleId)!.meta;
      c.errors.forEach((e, k) => {
        const a = actual[k];
        const f = findings[k];
        if (e.messageId !== undefined) assert.equal(f.messageId, e.messageId, `messageId of finding ${k + 1}`);
        if (e.data !== undefined) assert.deepEqual(f.data, e.data, `data of finding ${k + 1}`);
        const headline = f.messageId === undefined ? undefined : renderHeadline(meta, f.messageId, f.data);
        if (e.message instanceof RegExp)
          assert.match(headline && a.message.startsWith(headline) ? a.message.slice(headline.length).trimStart() : a.message, e.message);
        else
          assert.equal(
            a.message,
            headline === undefined || e.message.startsWith(headline) ? e.message : e.message ? `${headline} ${e.message}` : headline,
          );
        assert.equal(a.line, e.line, `line of finding ${k + 1}`);
        assert.equal(a.column, e.column, `column of finding ${k + 1}`);
        if (e.endLine !== undefined) assert.equal(a.endLine, e.endLine, `endLine of finding ${k + 1}`);
        if (e.endColumn !== undefined) assert.equal(a.endColumn, e.endColumn, `endColumn of finding ${k + 1}`);
        if (e.severity !== undefined) assert.equal(a.severity, e.severity, `severity of finding ${k + 1}`);
        if (e.fixTitles !== undefined)
          assert.deepEqual(
            findings[k].fixes.map((f) => f.title),
            e.fixTitles,
          );
      });
      const unsafeFixes = findings.map((f) => f.fixes.find((x) => !x.safe)).filter((x): x is NonNullable<typeof x> => !!x);
      if (c.unsafeOutput === null) assert.equal(unsafeFixes.length, 0, 'expected no unsafe fix');
      else if (c.unsafeOutput !== undefined) {
        assert.ok(unsafeFixes.length > 0, 'expected an unsafe fix');
        assert.equal(
          applyEdits(
            c.code,
            selectNonOverlapping(unsafeFixes).flatMap((f) => f.edits),
          ),
          c.unsafeOutput,
        );
      }
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
      const fixed = applyEdits(
        c.code,
        chosen.flatMap((f) => f.edits),
      );
      assert.equal(fixed, c.output);
      // The fixed text must re-lint with fewer findings of this rule.
      const again = run(ruleId, { ...c, code: fixed });
      assert.ok(
        again.findings.length < findings.length,
        `fixing did not remove findings: ${JSON.stringify(again.findings.map((f) => f.message))}`,
      );
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
