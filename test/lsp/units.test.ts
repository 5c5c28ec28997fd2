/** Unit tests of the server's pure helpers (no server process). */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { LineIndex } from '../../server/src/engine/parse/positions';
import { applyEdits } from '../../server/src/engine/fix/apply';
import { customizationFor, customizedSeverity, normalizeSettings, DEFAULT_FILES } from '../../server/src/lsp/settings';
import { cursorContext } from '../../server/src/lsp/yamlContext';
import { isUnderTemplates, matchesFiles, uriToPath } from '../../server/src/lsp/selection';
import { disableFileEdit, disableLineEdit } from '../../server/src/lsp/disable';
import { checkOrigins } from '../../server/src/lsp/origins';
import { CorsBlockError, planCorsBlock } from '../../server/src/engine/fix/corsBlock';

describe('settings', () => {
  test('garbage settings fall back to defaults', () => {
    for (const raw of [
      null,
      undefined,
      42,
      'x',
      [],
      {
        enable: 'yes',
        files: [1],
        environment: 'staging',
        rules: { customizations: [{ rule: 1 }, null, { rule: 'a', severity: 'loud' }] },
      },
    ]) {
      const s = normalizeSettings(raw);
      assert.equal(s.enable, true);
      assert.deepEqual(s.files, DEFAULT_FILES);
      assert.equal(s.environment, 'auto');
      assert.deepEqual(s.customizations, []);
      assert.equal(s.annotationValidation, null);
    }
    assert.deepEqual(normalizeSettings({ rules: { customizations: [{ rule: 'x', severity: 'warn' }] } }).customizations, [
      { rule: 'x', severity: 'warning' },
    ]);
  });

  test('annotationValidation: the enum ("config", "on", "off"), and the booleans older versions stored', () => {
    const av = (v: unknown) => normalizeSettings({ annotationValidation: v }).annotationValidation;
    assert.deepEqual(
      [av('config'), av('on'), av('off'), av(true), av(false), av(null), av('yes')],
      [null, true, false, true, false, null, null],
    );
  });

  test('customizations apply in order, the last match wins, `!` negates', () => {
    const c = normalizeSettings({
      rules: {
        customizations: [
          { rule: '*', severity: 'downgrade' },
          { rule: 'invalid-*', severity: 'default' },
          { rule: '!wildcard-*', severity: 'upgrade' },
          { rule: 'method-case', severity: 'off' },
        ],
      },
    }).customizations;
    assert.equal(customizationFor('wildcard-origin', c), 'downgrade');
    assert.equal(customizationFor('invalid-origin', c), 'upgrade');
    assert.equal(customizationFor('method-case', c), 'off');
    assert.equal(customizedSeverity('error', 'downgrade'), 'warning');
    assert.equal(customizedSeverity('warning', 'downgrade'), 'info');
    assert.equal(customizedSeverity('info', 'downgrade'), 'info');
    assert.equal(customizedSeverity('info', 'upgrade'), 'warning');
    assert.equal(customizedSeverity('warning', 'upgrade'), 'error');
    assert.equal(customizedSeverity('warning', 'default'), 'warning');
    assert.equal(customizedSeverity('warning', undefined), 'warning');
    assert.equal(customizedSeverity('error', 'info'), 'info');
  });
});

describe('document selection', () => {
  test('default globs, workspace-relative matching, negation, templates/', () => {
    const ws = ['/repo'];
    assert.ok(matchesFiles('/repo/deploy/vcluster-platform.yaml', DEFAULT_FILES, ws));
    assert.ok(matchesFiles('/repo/prod-platform-values.yml', DEFAULT_FILES, ws));
    assert.ok(matchesFiles('/elsewhere/loft.yaml', DEFAULT_FILES, ws));
    assert.ok(!matchesFiles('/repo/values.yaml', DEFAULT_FILES, ws));
    assert.ok(matchesFiles('/repo/env/prod.yaml', ['env/*.yaml'], ws));
    assert.ok(!matchesFiles('/repo/env/prod.yaml', ['env/*.yaml', '!**/prod.yaml'], ws));
    assert.ok(isUnderTemplates('/repo/chart/templates/loft.yaml'));
    assert.ok(!isUnderTemplates('/repo/templates.yaml'));
    assert.equal(uriToPath('file:///repo/a%20b/loft.yaml').path, '/repo/a b/loft.yaml');
    assert.deepEqual(uriToPath('untitled:Untitled-1'), { path: 'Untitled-1', isFile: false });
  });
});

describe('cursor context', () => {
  const ctx = (text: string, line: number, character: number) => cursorContext(new LineIndex(text), line, character);
  const T =
    'vcluster-platform:\n  ingress:\n    annotations:\n      "nginx.ingress.kubernetes.io/cors-max-age": "36" # x\n      \n    # comment\n    ho\n';

  test('umbrella keys are dropped; quoted keys are read; values stop at comments', () => {
    const v = ctx(T, 3, 53)!;
    assert.equal(v.kind, 'value');
    assert.deepEqual(v.path, ['ingress', 'annotations']);
    assert.equal(v.key, 'nginx.ingress.kubernetes.io/cors-max-age');
    assert.equal(v.valuePrefix, '"36');
    const k = ctx(T, 4, 6)!;
    assert.equal(k.kind, 'key');
    assert.deepEqual(k.path, ['ingress', 'annotations']);
    assert.equal(k.keyPrefix, '');
    const h = ctx(T, 6, 6)!;
    assert.deepEqual(h.path, ['ingress']);
    assert.equal(h.keyPrefix, 'ho');
    assert.equal(ctx(T, 5, 8), undefined, 'inside a comment');
    assert.equal(ctx(T, 3, 53)!.valueEnd - ctx(T, 3, 53)!.valueStart, 4, 'the value ends before the comment');
    assert.equal(ctx(T, 3, 58), undefined, 'inside a trailing comment');
  });

  test('a line below a scalar value or in a sequence has no mapping context', () => {
    assert.equal(ctx('a: b\n  c\n', 1, 3), undefined);
    assert.equal(ctx('ingress:\n  - x\n', 1, 4), undefined);
    assert.deepEqual(ctx('ingress:\n\n  \n', 2, 2)!.path, ['ingress']);
  });
});

describe('disable comments', () => {
  const apply = (text: string, e: { start: number; end: number; newText: string }) => applyEdits(text, [e]);
  test('next-line: indentation, merging, no duplicates, CRLF', () => {
    const t = 'a:\n  b: 1  # vcluster-cors-disable-next-line x\n  c: 2\n';
    const l = new LineIndex(t);
    assert.equal(apply(t, disableLineEdit(t, l, 2, 'y')), 'a:\n  b: 1  # vcluster-cors-disable-next-line x, y\n  c: 2\n');
    assert.equal(apply(t, disableLineEdit(t, l, 2, 'x')), t);
    assert.equal(
      apply(t, disableLineEdit(t, l, 1, 'y')),
      'a:\n  # vcluster-cors-disable-next-line y\n  b: 1  # vcluster-cors-disable-next-line x\n  c: 2\n',
    );
    const crlf = 'a:\r\n  b: 1\r\n';
    assert.equal(
      apply(crlf, disableLineEdit(crlf, new LineIndex(crlf), 1, 'z')),
      'a:\r\n  # vcluster-cors-disable-next-line z\r\n  b: 1\r\n',
    );
  });

  test('file: after the leading comments, merged into an existing directive, comment-only files', () => {
    const t = '#!modeline\n# title\n\na: 1\n';
    assert.equal(apply(t, disableFileEdit(t, new LineIndex(t), 'x')), '#!modeline\n# title\n# vcluster-cors-disable x\n\na: 1\n');
    const d = '# vcluster-cors-disable x -- why\na: 1\n';
    assert.equal(apply(d, disableFileEdit(d, new LineIndex(d), 'y')), '# vcluster-cors-disable x, y -- why\na: 1\n');
    const only = '# just a comment';
    assert.equal(apply(only, disableFileEdit(only, new LineIndex(only), 'x')), '# just a comment\n# vcluster-cors-disable x\n');
    assert.equal(apply('', disableFileEdit('', new LineIndex(''), 'x')), '# vcluster-cors-disable x\n');
  });
});

describe('origins and the CORS block', () => {
  test('checkOrigins trims, dedupes and explains', () => {
    assert.deepEqual(checkOrigins([' https://a.example.com ', 'https://a.example.com', '']), {
      ok: true,
      origins: ['https://a.example.com'],
    });
    const bad = checkOrigins(['null', 'https://x.example.com/app', 5]);
    assert.equal(bad.ok, false);
    if (!bad.ok) assert.equal(bad.problems.length, 3);
    assert.equal(checkOrigins('https://a.example.com').ok, false);
  });

  test('planCorsBlock refuses what it cannot edit safely', () => {
    assert.throws(() => planCorsBlock('ingress: [\n', ['https://a.example.com'], false), CorsBlockError);
    assert.throws(() => planCorsBlock('ingress: "on"\n', ['https://a.example.com'], false), /not a mapping/);
    assert.throws(() => planCorsBlock('ingress:\n  annotations: "x"\n', ['https://a.example.com'], false), /not a mapping/);
    assert.throws(() => planCorsBlock('- a\n- b\n', ['https://a.example.com'], false), /not a values mapping/);
    const empty = planCorsBlock('', ['https://a.example.com'], false);
    assert.match(
      applyEdits('', empty.edits),
      /^ingress:\n  enabled: true\n  annotations:\n    nginx\.ingress\.kubernetes\.io\/enable-cors: "true"\n/,
    );
  });

  test('everything present: nothing added, enabled still switched on, `enabled:` with no value gets one', () => {
    const full = planCorsBlock(
      'ingress:\n  enabled:\n  annotations:\n' +
        ['enable-cors', 'cors-allow-origin', 'cors-allow-methods', 'cors-allow-headers', 'cors-allow-credentials', 'cors-max-age']
          .map((k) => `    nginx.ingress.kubernetes.io/${k}: "x"\n`)
          .join(''),
      ['https://a.example.com'],
      true,
    );
    assert.deepEqual(full.added, []);
    assert.equal(full.kept.length, 6);
    assert.equal(full.edits.length, 1);
    assert.equal(full.edits[0].newText, ' true');
  });
});
