/**
 * The pipeline in one place: text → parse → targets → policies → rules → findings (with fixes).
 */
import type { EffectivePolicy, Finding, Fix, LintOptions, LintResult, ParsedDocument, ParsedFile, Severity, Target } from './types';
import { parseText } from './parse/parse';
import { parseWithTemplates } from './parse/template';
import { dropUnknown, noteUnknownPolicies, templateScope, unknownPolicyField } from './templates';
import { declaredPlatformValues } from './config/platformValues';
import { LineIndex } from './parse/positions';
import { collectTargets } from './targets';
import { policyFor } from './policy';
import { attachAuthGates } from './policy/auth';
import { DEFAULT_CONFIG } from './config/defaults';
import type { ResolvedConfig } from './config/config';
import { detectEnvironment } from './config/environment';
import { isSuppressed, parseDirectives } from './config/suppressions';
import { insideScalarText } from './parse/scalarText';
import { rules, ruleById } from './rules/registry';
import { renderMessage, ruleApplies, type Rule, type RuleContext, type ReportDescriptor } from './rules/rule';
import { fix, replace } from './fix/edits';
import { firstIndexOf } from './util/textSearch';
import type { TextLike } from './util/pieceText';
import { linkCauses } from './causes';

export const UNUSED_DISABLE = 'unused-disable';
export const YAML_SYNTAX = 'yaml-syntax';

/** The rules that run under `config` in `environment` (unused-disable runs after them, in applySuppressions). */
function activeRules(config: ResolvedConfig, environment: LintResult['environment']): readonly RuleEntry[] {
  const settings = config.rules;
  // Most configurations set no rule: their list depends on the environment only (computed once).
  let configured = false;
  for (const _ in settings) {
    configured = true;
    break;
  }
  const cached = configured ? undefined : defaultRules.get(environment);
  if (cached) return cached;
  const out: RuleEntry[] = [];
  for (const rule of rules) {
    const id = rule.meta.id;
    if (id === UNUSED_DISABLE || settings[id] === 'off') continue;
    if (settings[id] || rule.meta.environments?.[environment] !== 'off') out.push(entryOf(rule));
  }
  if (!configured) defaultRules.set(environment, out);
  return out;
}
const defaultRules = new Map<string, readonly RuleEntry[]>();

/**
 * A rule and which visitors its `create` returns (known after its first run: a rule's `create` always returns the
 * same visitors, test/unit/rule-shape.test.ts). The loop then skips a rule that has nothing to visit in a file (no
 * `document` or `end` visitor, and no target or policy of its controllers) without creating its visitors.
 */
interface RuleEntry {
  rule: Rule;
  visits?: { document: boolean; target: boolean; policy: boolean; end: boolean };
}
const entries = new Map<Rule, RuleEntry>();
function entryOf(rule: Rule): RuleEntry {
  let e = entries.get(rule);
  if (!e) entries.set(rule, (e = { rule }));
  return e;
}

function resolveSeverity(rule: Rule, d: ReportDescriptor, env: LintResult['environment'], config: ResolvedConfig): Severity | 'off' {
  const configured = config.rules[rule.meta.id];
  if (configured) return configured;
  if (d.severity) return d.severity;
  const envDefault = rule.meta.environments?.[env];
  return envDefault ?? rule.meta.defaultSeverity;
}

/** The finding a rule's report becomes (message rendered from the rule's headline and the explanation). */
function findingOf(r: Rule, d: ReportDescriptor, severity: Severity, fixes: Fix[]): Finding {
  const f: Finding = {
    ruleId: r.meta.id,
    messageId: d.messageId,
    data: d.data,
    severity,
    message: renderMessage(r.meta, d),
    range: d.range,
    fixes,
    related: d.related ?? [],
    unnecessary: !!r.meta.unnecessary,
  };
  if (d.cause)
    f.causedBy = {
      ruleId: d.cause.ruleId,
      range: d.cause.range,
      messageId: d.cause.messageId,
      data: d.cause.data,
      message: renderMessage(r.meta, { messageId: d.cause.messageId, data: d.cause.data, message: d.message }),
    };
  return f;
}

export function lintText(text: TextLike, options: LintOptions): LintResult {
  const config = options.config ?? DEFAULT_CONFIG;
  const parsed = parseWithTemplates(text, options.filePath, (t, useCache) =>
    parseText(t, config.maxFileSize, useCache ? options.parseCache : undefined),
  );
  const lines = new LineIndex(text, parsed.fatal ? undefined : parsed.lineCounter.lineStarts);
  const envDecision = detectEnvironment(options.filePath, text, config, options.environment);
  const environment = envDecision.environment;
  const findings: Finding[] = [];

  if (parsed.fatal) {
    findings.push({
      ruleId: YAML_SYNTAX,
      severity: 'error',
      message: parsed.fatal.message,
      range: parsed.fatal.range,
      fixes: [],
      related: [],
      unnecessary: false,
    });
    return { filePath: options.filePath, environment, environmentReason: envDecision.reason, findings, policies: [], parsed, lines };
  }

  const targets: Target[] = collectTargets(parsed, {
    filePath: options.filePath,
    declared: options.platformValues ?? declaredPlatformValues(options.filePath, config),
  });
  const policies: EffectivePolicy[] = targets.map((t) => policyFor(t, config, parsed.text));
  attachAuthGates(parsed, targets, policies);
  // Compose labels are strings read by Traefik: the YAML edits of the fixes do not apply there.
  const labelRanges: { start: number; end: number }[] = [];
  for (const t of targets) if (t.kind === 'traefik' && t.labelsRange) labelRanges.push(t.labelsRange);
  const inLabels = (r: { start: number; end: number }) =>
    labelRanges.length > 0 && labelRanges.some((l) => r.start >= l.start && r.end <= l.end);
  // A policy written by hand (snippets, custom headers): the fixes of the semantic rules edit settings that are not there.
  const state = { handwritten: false };
  const templates = templateScope(parsed, targets);
  noteUnknownPolicies(policies, templates);
  // Whether the file has a `\r`: searched on every lint, not only when a fix needs it. firstIndexOf searches only the
  // edited window when its last search of this needle was in the previous version; searched on some lints only, the
  // text was compared in full with an older version (0.8 ms an edit of a 200,000-line file).
  const cr = firstIndexOf(text, '\r') >= 0;

  // One context for all rules: `report` files findings under the rule that runs (rules report only from their
  // visitors, and runRule calls all of one rule's visitors before the next rule starts).
  let rule: Rule | undefined;
  const ctx: RuleContext = {
    text,
    lines,
    filePath: options.filePath,
    environment,
    config,
    options,
    parseProblems: parsed.problems,
    templates,
    report(d) {
      const r = rule!;
      const sev = resolveSeverity(r, d, environment, config);
      if (sev === 'off') return;
      const fixes = d.fixes && !inLabels(d.range) && !state.handwritten ? d.fixes.map((fx) => withFileLineEndings(text, fx, cr)) : [];
      findings.push(findingOf(r, d, sev, fixes));
    },
  };
  // A policy whose switch, origins or credentials come from a template action is unknown until rendered: the
  // policy visitors see the configured policies that are known (decided once, not once per rule).
  const decided: EffectivePolicy[] = [];
  for (const p of policies) if (p.configured && !unknownPolicyField(p, templates)) decided.push(p);
  const run = { docs: parsed.docs, targets, policies, decided, state };
  for (const entry of activeRules(config, environment)) {
    rule = entry.rule;
    runRule(entry, ctx, run, findings);
  }

  const known = dropUnknown(findings, templates);
  if (options.rawFindings)
    return { filePath: options.filePath, environment, environmentReason: envDecision.reason, findings: known, policies, parsed, lines };
  const kept = applySuppressions(text, lines, known, config, parsed.docs);
  return { filePath: options.filePath, environment, environmentReason: envDecision.reason, findings: kept, policies, parsed, lines };
}

/**
 * Suppression comments of a file applied to its findings, plus `unused-disable` findings, sorted. Used by
 * lintText and by the release linter (whose findings come from several files). `docs`, the file's parse when the
 * caller has it, tells comments from scalar text without parsing the text again.
 */
export function applySuppressions(
  text: TextLike,
  lines: LineIndex,
  findings: Finding[],
  config: ResolvedConfig,
  docs?: readonly ParsedDocument[],
): Finding[] {
  // Suppression comments.
  const directives = parseDirectives(text, lines, docs && ((offset) => !insideScalarText(docs, text, offset)));
  const kept = directives.length
    ? findings.filter((f) => !isSuppressed(directives, f.ruleId, lines.position(f.range.start).line))
    : [...findings];

  const unused = ruleById.get(UNUSED_DISABLE);
  const unusedSetting = config.rules[UNUSED_DISABLE];
  if (unused && unusedSetting !== 'off') {
    const sev: Severity = unusedSetting ?? unused.meta.defaultSeverity;
    for (const d of directives) {
      if (d.ids.length === 0) {
        if (!d.used)
          kept.push(
            mk(sev, d.commentRange, unused.meta, { messageId: 'unusedComment', message: '' }, [
              fix('Remove the unused disable comment', [removeComment(text, lines, d)]),
            ]),
          );
        continue;
      }
      const unusedIds = d.ids.filter((x) => !x.used);
      if (unusedIds.length === 0) continue;
      const allUnused = unusedIds.length === d.ids.length;
      for (const x of unusedIds) {
        const known = ruleById.has(x.id);
        const where = d.kind === 'disable' ? 'this file' : d.kind === 'disable-line' ? 'this line' : 'the next line';
        const msg = known
          ? { messageId: 'unusedId', data: { id: `\`${x.id}\`` }, message: `The comment covers ${where}.` }
          : { messageId: 'unknownId', data: { id: `\`${x.id}\`` }, message: '' };
        // Several unused ids of one comment: each finding's fix removes them all in one edit (the edits would
        // overlap, so fix-all could take only one a pass and run out of passes on a long list).
        const edit = allUnused ? removeComment(text, lines, d) : removeIds(d, unusedIds.length > 1 ? unusedIds : [x]);
        const title = allUnused
          ? 'Remove the unused disable comment'
          : unusedIds.length > 1
            ? 'Remove the unused rule ids from the disable comment'
            : `Remove \`${x.id}\` from the disable comment`;
        kept.push(mk(sev, x.range, unused.meta, msg, [fix(title, [edit])]));
      }
    }
  }

  return linkCauses(kept);
}

function mk(
  severity: Severity,
  range: { start: number; end: number },
  meta: Rule['meta'],
  d: Pick<ReportDescriptor, 'messageId' | 'data' | 'message'>,
  fixes: Finding['fixes'],
): Finding {
  return {
    ruleId: UNUSED_DISABLE,
    messageId: d.messageId,
    data: d.data,
    severity,
    message: renderMessage(meta, d),
    range,
    fixes,
    related: [],
    unnecessary: true,
  };
}

/**
 * A fix as it must be applied to this file: every line break it inserts is the file's own (that of the line the
 * edit touches: `\r\n` in a CRLF file, even when the rule wrote `\n`), and an edit never starts or ends between
 * the `\r` and the `\n` of a line break (such an offset moves before the `\r`). Rules build their edits with
 * either line break; this is the one place that makes them right for the file.
 */
export function withFileLineEndings(text: TextLike, fx: Fix, hasCr = text.includes('\r')): Fix {
  if (!hasCr) {
    // An LF file: a `\r\n` a rule copied from elsewhere becomes `\n`.
    return fx.edits.some((e) => e.newText.includes('\r\n'))
      ? { ...fx, edits: fx.edits.map((e) => ({ ...e, newText: e.newText.replace(/\r\n/g, '\n') })) }
      : fx;
  }
  const edits = fx.edits.map((e) => {
    const start = insideCrlf(text, e.start) ? e.start - 1 : e.start;
    const end = insideCrlf(text, e.end) ? e.end - 1 : e.end;
    const nl = lineBreakAt(text, start);
    const newText = e.newText.replace(/\r?\n/g, nl);
    return start === e.start && end === e.end && newText === e.newText ? e : { start, end: Math.max(start, end), newText };
  });
  return { ...fx, edits };
}

function insideCrlf(text: TextLike, offset: number): boolean {
  return offset > 0 && text.charCodeAt(offset - 1) === 13 && text.charCodeAt(offset) === 10;
}

/** The line break of the line at `offset` (of the line before when it is the last line without one). */
function lineBreakAt(text: TextLike, offset: number): string {
  let nl = text.indexOf('\n', offset);
  if (nl < 0) nl = text.lastIndexOf('\n', offset - 1);
  if (nl < 0) return '\n';
  return nl > 0 && text.charCodeAt(nl - 1) === 13 ? '\r\n' : '\n';
}

function removeComment(text: TextLike, lines: LineIndex, d: import('./config/suppressions').Directive) {
  if (d.ownLine) {
    const start = lines.lineStart(d.line);
    const next = d.line + 1 < lines.lineCount ? lines.lineStart(d.line + 1) : lines.lineEnd(d.line);
    return { start, end: next, newText: '' };
  }
  // trailing comment: remove it and the spaces before it
  let s = d.commentRange.start;
  while (s > 0 && (text.charCodeAt(s - 1) === 32 || text.charCodeAt(s - 1) === 9)) s--;
  return { start: s, end: d.commentRange.end, newText: '' };
}

function removeIds(d: import('./config/suppressions').Directive, xs: readonly import('./config/suppressions').DirectiveId[]) {
  const remaining = d.ids
    .filter((i) => !xs.includes(i))
    .map((i) => i.id)
    .join(', ');
  return replace(d.idsRange, remaining);
}

/** Runs one rule's visitors over the documents, targets and policies; a rule that throws becomes one finding. */
function runRule(
  entry: RuleEntry,
  ctx: RuleContext,
  run: {
    docs: ParsedFile['docs'];
    targets: Target[];
    policies: EffectivePolicy[];
    /** The policies the policy visitors see: configured, and not decided by a template action. */
    decided: EffectivePolicy[];
    state: { handwritten: boolean };
  },
  findings: Finding[],
): void {
  const { docs, targets, policies, decided, state } = run;
  const rule = entry.rule;
  const meta = rule.meta;
  const known = entry.visits;
  if (known && !known.document && !known.end) {
    // Only target and policy visitors: nothing to do unless one of its controllers is in the file.
    let any = false;
    if (known.target) for (let i = 0; i < targets.length && !any; i++) any = ruleApplies(meta, targets[i].kind);
    if (known.policy) for (let i = 0; i < decided.length && !any; i++) any = ruleApplies(meta, decided[i].controller);
    if (!any) return;
  }
  try {
    const v = rule.create(ctx);
    const visits = (entry.visits ??= { document: !!v.document, target: !!v.target, policy: !!v.policy, end: !!v.end });
    if (visits.document) for (let i = 0; i < docs.length; i++) v.document!(docs[i], i);
    if (visits.target) for (let i = 0; i < targets.length; i++) if (ruleApplies(meta, targets[i].kind)) v.target!(targets[i], policies[i]);
    if (visits.policy)
      for (const p of decided)
        if (ruleApplies(meta, p.controller)) {
          state.handwritten = p.handwritten?.native === false;
          v.policy!(p);
        }
    state.handwritten = false;
    if (visits.end) v.end!();
  } catch (e) {
    // A rule bug must never take the editor down: report it where the user can see it.
    findings.push({
      ruleId: rule.meta.id,
      severity: 'error',
      message: `Internal error in rule ${rule.meta.id}: please report this. ${(e as Error).message}.`,
      range: { start: 0, end: 0 },
      fixes: [],
      related: [],
      unnecessary: false,
    });
  }
}
