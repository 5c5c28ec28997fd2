/**
 * Step 4: rules. One module per rule id (server/src/engine/rules/<id>.ts) exporting `defineRule({...})`
 * as default, with a doc page docs/rules/<id>.md and a test table test/rules/<id>.test.ts.
 * The registry (index.generated.ts) is generated from this folder by scripts/gen-rules.mjs.
 *
 * A rule subscribes to one or more layers:
 *  - document(doc): the raw YAML (syntax rules: yaml-syntax, duplicate-key, schema);
 *  - target(target, policy): the raw CORS configuration of one target (controller-specific syntax rules);
 *  - policy(policy): the controller-neutral effective policy (semantic rules; they run for every controller,
 *    and only when CORS is switched on for that target).
 * What a rule needs to know about a controller it asks `policy.profile` (policy/profiles.ts); a rule about
 * one controller's syntax lists it in `meta.controllers`, and the lint loop calls it for that one only.
 */
import type { Document } from 'yaml';
import type {
  Controller,
  EffectivePolicy,
  Environment,
  Fix,
  LintOptions,
  ParsedDocument,
  Range,
  RelatedInfo,
  Severity,
  SeveritySetting,
  Target,
} from '../types';
import type { ResolvedConfig } from '../config/config';
import type { ParseProblem } from '../parse/parse';
import type { LineIndex } from '../parse/positions';
import type { TextLike } from '../util/pieceText';

export const DOCS_BASE = 'https://github.com/vcluster-cors/vcluster-cors/blob/main/docs/rules/';

export interface RuleMeta<C extends Controller = Controller> {
  id: string;
  /**
   * The controllers this rule is about (all when absent). The lint loop only calls its `target` and `policy`
   * visitors for these controllers, so the rule never tests which controller it looks at.
   */
  controllers?: readonly C[];
  /** Severity as documented; `report` may pass another one (e.g. per environment). */
  defaultSeverity: Severity;
  /** Per-environment default: 'off' means not reported there. */
  environments?: Partial<Record<Environment, SeveritySetting>>;
  /** One line: what the rule reports. */
  description: string;
  /**
   * Which fixes the rule offers: 'safe' = at least some findings get a safe fix (applied by fix-all and
   * `--fix`); 'unsafe' = fixes exist but only as quick fixes on request (they change behaviour or insert a
   * placeholder); false = none. The rule tests check this against the fixes the rule really offers.
   */
  fixable: 'safe' | 'unsafe' | false;
  /** What the generated tables (README, the header of docs/rules/<id>.md) say: scripts/gen-docs.mjs. */
  docs: {
    /** Short "reported when" phrase for the README table (lower case, no final period). */
    summary: string;
    /** What the fix does or when it is offered, when "safe"/"unsafe" alone does not say it. */
    fix?: string;
    /** The default severity, when it depends on more than the environment. */
    severity?: string;
    /** Which controllers' files it reports on, when `meta.controllers` does not say it all. */
    controllers?: string;
  };
  /**
   * The headline of each kind of finding, by stable message id: one sentence of at most 100 characters that says
   * what is wrong and what happens, with `{{name}}` placeholders for the report's data. The report's `message`
   * (the explanation: what is written, why, what to do) follows it. test/unit/messages.test.ts checks them.
   */
  messages: Record<string, string>;
  /** Findings are dead configuration (shown faded: DiagnosticTag.Unnecessary). */
  unnecessary?: boolean;
  /** Semantic rules run on the policy model of every controller; syntax rules on the raw document/target. */
  kind: 'syntax' | 'semantic';
}

export interface ReportDescriptor {
  range: Range;
  /** Key of `meta.messages`: the headline. */
  messageId: string;
  /** Values for the headline's placeholders (values longer than MAX_DATA_LENGTH are shortened). */
  data?: Record<string, string | number>;
  /** The explanation after the headline. */
  message: string;
  fixes?: Fix[];
  related?: RelatedInfo[];
  /** Overrides the meta/environment default severity for this finding (config still wins). */
  severity?: Severity;
  /**
   * The root cause, when this finding follows from another rule's finding inside `range` (e.g. wildcard-origin from
   * invalid-origin). When that finding is reported, this one's headline becomes `messageId`'s (it names the cause),
   * and it is listed after the cause with the cause's fixes first. Otherwise the report stands as it is.
   */
  cause?: { ruleId: string; range: Range; messageId: string; data?: Record<string, string | number> };
}

export interface RuleContext {
  readonly text: TextLike;
  readonly lines: LineIndex;
  readonly filePath: string;
  readonly environment: Environment;
  readonly config: ResolvedConfig;
  readonly options: LintOptions;
  /** Parser problems of the whole file (only the syntax rules read these). */
  readonly parseProblems: readonly ParseProblem[];
  /** Go-template actions whose output is unknown until Helm renders the file (see engine/templates.ts). */
  readonly templates: import('../templates').TemplateScope;
  report(d: ReportDescriptor): void;
}

/** The target type of the controllers `C`. */
export type TargetOf<C extends Controller> = Extract<Target, { kind: C }>;

export interface RuleVisitors<C extends Controller = Controller> {
  document?(doc: ParsedDocument, index: number): void;
  target?(target: TargetOf<C>, policy: EffectivePolicy): void;
  policy?(policy: EffectivePolicy): void;
  /** Called once after everything else (whole-file rules). */
  end?(): void;
}

export interface Rule<C extends Controller = Controller> {
  meta: RuleMeta<C>;
  create(context: RuleContext): RuleVisitors<C>;
}

export function defineRule<C extends Controller = Controller>(rule: Rule<C>): Rule {
  return rule as unknown as Rule;
}

/** Whether a rule runs on a controller's targets and policies (its `meta.controllers`). */
export function ruleApplies(meta: RuleMeta, controller: Controller): boolean {
  return !meta.controllers || meta.controllers.includes(controller);
}

/** Longest placeholder value in a headline (longer values end in `…`), so a headline stays short for any input. */
export const MAX_DATA_LENGTH = 30;

/** The headline of a finding: the message id's template with its data. */
export function renderHeadline(
  meta: Pick<RuleMeta, 'id' | 'messages'>,
  messageId: string,
  data: Record<string, string | number> = {},
): string {
  const template = meta.messages[messageId];
  if (template === undefined) throw new Error(`rule ${meta.id} has no message id ${messageId}`);
  const parts = templateParts(template);
  if (parts.length === 1) return template;
  let out = parts[0];
  for (let i = 1; i < parts.length; i += 2) {
    const k = parts[i];
    if (!(k in data)) throw new Error(`rule ${meta.id}, message ${messageId}: no data for {{${k}}}`);
    out += shortened(String(data[k])) + parts[i + 1];
  }
  return out;
}

function shortened(v: string): string {
  if (v.length <= MAX_DATA_LENGTH) return v;
  // Keep a code span closed: `abc…`.
  return /^`[^`]*`$/.test(v) ? v.slice(0, MAX_DATA_LENGTH - 2) + '…`' : v.slice(0, MAX_DATA_LENGTH - 1) + '…';
}

/** A headline template split once: text, placeholder name, text, … (the headlines are a fixed set). */
const compiledTemplates = new Map<string, readonly string[]>();
function templateParts(template: string): readonly string[] {
  let parts = compiledTemplates.get(template);
  if (!parts) {
    // split() with a capturing group: literal text at even indices, placeholder names at odd ones.
    parts = template.split(/\{\{\s*(\w+)\s*\}\}/);
    if (compiledTemplates.size > 10000) compiledTemplates.clear();
    compiledTemplates.set(template, parts);
  }
  return parts;
}

/** The full message: the headline, then the explanation. */
export function renderMessage(
  meta: Pick<RuleMeta, 'id' | 'messages'>,
  d: Pick<ReportDescriptor, 'messageId' | 'data' | 'message'>,
): string {
  const headline = renderHeadline(meta, d.messageId, d.data);
  return d.message ? `${headline} ${d.message}` : headline;
}

export function docsUrl(id: string): string {
  return `${DOCS_BASE}${id}.md`;
}

export type { Document };
