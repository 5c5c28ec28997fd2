/**
 * For every rule-test input with a CORS policy in effect: `migrate` to each target writes YAML that parses, lints
 * without new errors (errors the source already has may carry over), and whose simulated behaviour differs only
 * where an intended change explains it.
 */
import assert from 'node:assert/strict';
import {
  computePolicies,
  migrate,
  MIGRATION_TARGETS,
  MIGRATION_SOURCES,
  MigrateUsageError,
  DEFAULT_CONFIG,
  type ResolvedConfig,
  type Environment,
} from '../../server/src/engine/index';
import { parseDocument } from 'yaml';

export interface MigrateCase {
  name: string;
  code: string;
  filename?: string;
  env?: Environment;
  config?: ResolvedConfig;
}

/** Returns how many migrations were checked. */
export function checkMigrations(c: MigrateCase): number {
  const config = c.config ?? DEFAULT_CONFIG;
  const policies = computePolicies(c.code, { config, filePath: c.filename ?? 'vcluster-platform.yaml' });
  if (policies.syntaxError) return 0;
  let checked = 0;
  for (const to of MIGRATION_TARGETS) {
    const others = policies.policies.filter((p) => p.configured && p.controller !== to);
    // Headers written by hand (policy/handwritten/) are not migrated, nor are the controllers migrate cannot read
    // (Kong, APISIX, HAProxy): migrate skips them with a reason.
    const movable = others.filter((p) => p.enabled && !p.handwritten && (MIGRATION_SOURCES as readonly string[]).includes(p.controller));
    let res;
    try {
      res = migrate({ text: c.code, filePath: c.filename ?? 'vcluster-platform.yaml', to, config, environment: c.env });
    } catch (e) {
      assert.ok(e instanceof MigrateUsageError, `${c.name} → ${to}: ${(e as Error).stack}`);
      // A chart template is refused as a whole: its values are known only once Helm renders it.
      if (/^values unknown until Helm renders the template: /.test(e.message)) {
        assert.ok(c.code.includes('{{') && others.length > 0, `${c.name} → ${to}: refused as a template: ${e.message}`);
        continue;
      }
      assert.equal(movable.length, 0, `${c.name} → ${to}: migrate refused a file with a policy in effect: ${e.message}`);
      continue;
    }
    assert.deepEqual(
      others.filter((p) => p.unknown?.length).map((p) => p.source),
      [],
      `${c.name} → ${to}: a policy with values unknown until rendered was migrated`,
    );
    assert.equal(res.migrations.length, movable.length, `${c.name} → ${to}: one migration per policy in effect`);
    for (const m of res.migrations) {
      checked++;
      const where = `${c.name} (${m.source}) → ${to}`;
      for (const f of m.files) {
        const doc = parseDocument(f.text);
        assert.deepEqual(
          doc.errors.map((e) => e.message),
          [],
          `${where}: ${f.name} does not parse`,
        );
      }
      assert.deepEqual(
        m.lint.filter((l) => !l.carriedOver).map((l) => `${l.file}: ${l.ruleId}: ${l.message}`),
        [],
        `${where}: new lint errors`,
      );
      if (m.files.some((f) => f.carriesPolicy)) assert.ok(m.newPolicy, `${where}: the generated file has no ${to} policy`);
      const unexplained = m.diff.differences.filter((d) => d.unexplained);
      assert.deepEqual(
        unexplained.map((d) => `${d.field} ${d.where}: ${d.old} → ${d.new} (${JSON.stringify(d.examples[0])})`),
        [],
        `${where}: differences without an intended change`,
      );
      for (const id of m.diff.differences.flatMap((d) => d.causes))
        assert.ok(
          m.changes.some((x) => x.id === id),
          `${where}: cause ${id} is listed`,
        );
    }
  }
  return checked;
}
