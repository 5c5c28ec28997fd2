/**
 * `migrate`: carry the effective CORS policy of each source object (ingress-nginx values file or Ingress, or a
 * Traefik/Istio/Gateway API object) to another controller, and prove with a behaviour diff what a browser will
 * see differently (docs/reference/migration.md). Pure: text in, generated files and the diff out.
 */
import type { Controller, EffectivePolicy, Environment, ParsedFile } from '../types';
import type { Writer } from './writers/types';
import { readPolicies } from '../readPolicies';
import { DEFAULT_CONFIG, type ResolvedConfig } from '../config/config';
import { lintText } from '../lint';
import { detectEnvironment } from '../config/environment';
import { intentOf, controllerLabel } from './intent';
import { routeContext, MigrateUsageError } from './context';
import { requestSet } from './requests';
import { behaviourDiff } from './diff';
import { WRITERS, MIGRATION_TARGETS } from './writers';
import type { MigrateOptions, Migration, MigrationTargetId } from './types';

export * from './types';
export { MigrateUsageError, PLATFORM_DEFAULTS } from './context';
export { MIGRATION_TARGETS } from './writers';

/** The controllers whose policy migrate can read (intent.ts): every target it writes, plus Contour and Emissary. */
export const MIGRATION_SOURCES: readonly Controller[] = [...MIGRATION_TARGETS, 'contour', 'emissary'];
export { controllerLabel, cachedSeconds, MAX_AGE_CAPS, SAFE_MAX_AGE } from './intent';
export { formatDiff, renderFile, renderStdout, diffHeaderComment } from './format';
export { requestSet } from './requests';
export { behaviourDiff } from './diff';

export interface MigrateInput {
  text: string;
  /** Path or name of the source file (environment detection, messages). */
  filePath: string;
  to: MigrationTargetId;
  options?: MigrateOptions;
  config?: ResolvedConfig;
  environment?: Environment;
}

export interface MigrateResult {
  migrations: Migration[];
  /** Source objects that were not migrated, with why. */
  skipped: { source: string; reason: string }[];
}

export function isMigrationTarget(s: string): s is MigrationTargetId {
  return (MIGRATION_TARGETS as string[]).includes(s);
}

/** The policy of the first object of `to` in a generated text. */
function readBack(text: string, name: string, to: Controller, config: ResolvedConfig): EffectivePolicy | undefined {
  return readPolicies(text, { config, filePath: name }).policies.find((p) => p.controller === to);
}

/** Why a policy is not migrated (undefined: it is). */
function skipReason(policy: EffectivePolicy, to: MigrationTargetId): string | undefined {
  if (policy.controller === to) return `it is already ${controllerLabel(to)}`;
  // Headers written by hand (policy/handwritten/) are sent as written, whatever the Origin: no CORS setting says that.
  if (policy.handwritten) return 'CORS headers are written by hand there (a snippet or custom headers), which migrate cannot carry over';
  if (!policy.enabled)
    return 'its CORS configuration is not in effect (no CORS headers are sent), so there is nothing a browser sees to carry over';
  return undefined;
}

/** A chart template: what it configures (CORS values, hosts, names, backends) is known only once Helm renders it.
 * Writing it for another controller would carry masked values over or guess them, so the file is refused. */
function refuseTemplates(policies: EffectivePolicy[], parsed: ParsedFile, to: MigrationTargetId): void {
  const fromTemplate = policies.filter((p) => p.configured && p.controller !== to && (p.unknown?.length || parsed.template?.masked));
  if (fromTemplate.length > 0) {
    const unknown = [...new Set(fromTemplate.flatMap((p) => p.unknown ?? []))];
    const what = unknown.length > 0 ? `CORS ${unknown.join(', ')} ${unknown.length === 1 ? 'is' : 'are'}` : 'hosts, names and backends are';
    throw new MigrateUsageError(
      `values unknown until Helm renders the template: ${fromTemplate.map((p) => p.source).join(', ')} ${fromTemplate.length === 1 ? 'is' : 'are'} not migrated. ` +
        `Its ${what} set by \`{{ }}\` actions; run \`helm template … | vcluster-cors migrate --to ${to} -\` to migrate the rendered objects.`,
    );
  }
}

interface MigrateStep {
  parsed: ParsedFile;
  input: MigrateInput;
  writer: Writer;
  config: ResolvedConfig;
  environment: Environment;
  /** Whether the source file has an error finding of this rule (so a generated file's one is carried over). */
  sourceHas: (ruleId: string) => boolean;
}

/** One source policy written for the target controller, read back, linted and compared request by request. */
function migrateOne(policy: EffectivePolicy, { parsed, input, writer, config, environment, sourceHas }: MigrateStep): Migration {
  const ctx = routeContext(parsed, policy, input.options ?? {});
  const intent = intentOf(policy);
  const out = writer.write(intent, ctx);
  const notes = [...ctx.notes, ...out.notes];
  let newPolicy: EffectivePolicy | undefined;
  const lint: Migration['lint'] = [];
  for (const f of out.files) {
    if (f.carriesPolicy && !newPolicy) newPolicy = readBack(f.text, f.name, input.to, config);
    const res = lintText(f.text, { filePath: f.name, config, environment });
    for (const x of res.findings)
      if (x.severity === 'error')
        lint.push({ file: f.name, ruleId: x.ruleId, severity: x.severity, message: x.message, carriedOver: sourceHas(x.ruleId) });
  }
  const requests = requestSet(newPolicy ? [policy, newPolicy] : [policy]);
  const diff = behaviourDiff(policy, newPolicy, requests, out.changes);
  const used = new Set(diff.differences.flatMap((d) => d.causes));
  // Keep every change that a difference shows, and the ones no request can show (dropped settings): never silently.
  const changes = out.changes.filter((c, i) => out.changes.findIndex((x) => x.id === c.id && x.message === c.message) === i);
  return {
    source: policy.source,
    from: policy.controller,
    to: input.to,
    files: out.files,
    changes: changes.map((c) => ({ ...c, shown: used.has(c.id) })),
    notes,
    diff,
    newPolicy,
    lint,
  };
}

/**
 * Migrate every CORS policy of the file that is in effect and belongs to another controller.
 * Throws MigrateUsageError for input that cannot be migrated (no policy, bad flags, unparsable file).
 */
export function migrate(input: MigrateInput): MigrateResult {
  const config = input.config ?? DEFAULT_CONFIG;
  const writer = WRITERS[input.to];
  if (!writer) throw new MigrateUsageError(`--to ${JSON.stringify(input.to)}: expected one of ${MIGRATION_TARGETS.join(', ')}.`);
  const { parsed, policies, syntaxError } = readPolicies(input.text, { config, filePath: input.filePath });
  if (parsed.fatal) throw new MigrateUsageError(parsed.fatal.message);
  if (syntaxError) throw new MigrateUsageError(`the file does not parse: ${syntaxError.message}`);
  const environment = input.environment ?? detectEnvironment(input.filePath, input.text, config).environment;
  // The source's own errors (linted only when a generated file has one: they may carry over).
  let sourceErrors: Set<string> | undefined;
  const sourceHas = (ruleId: string) => {
    sourceErrors ??= new Set(
      lintText(input.text, { filePath: input.filePath, config, environment })
        .findings.filter((f) => f.severity === 'error')
        .map((f) => f.ruleId),
    );
    return sourceErrors.has(ruleId);
  };

  refuseTemplates(policies, parsed, input.to);

  const migrations: Migration[] = [];
  const skipped: MigrateResult['skipped'] = [];
  for (const policy of policies) {
    if (!policy.configured) continue;
    const reason = skipReason(policy, input.to);
    if (reason) {
      skipped.push({ source: policy.source, reason });
      continue;
    }
    if (!MIGRATION_SOURCES.includes(policy.controller)) {
      skipped.push({
        source: policy.source,
        reason: `migrating from ${controllerLabel(policy.controller)} is not supported yet (it is linted and simulated only)`,
      });
      continue;
    }
    migrations.push(migrateOne(policy, { parsed, input, writer, config, environment, sourceHas }));
  }
  if (migrations.length === 0 && skipped.length === 0)
    throw new MigrateUsageError(
      `no CORS configuration found (ingress-nginx values file or Ingress, Traefik Middleware, Istio VirtualService or Gateway API HTTPRoute).`,
    );
  return { migrations, skipped };
}
