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
 */
import type { Document } from 'yaml';
import type {
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

export const DOCS_BASE = 'https://github.com/vcluster-cors/vcluster-cors/blob/main/docs/rules/';

export interface RuleMeta {
  id: string;
  /** Severity as documented; `report` may pass another one (e.g. per environment). */
  defaultSeverity: Severity;
  /** Per-environment default: 'off' means not reported there. */
  environments?: Partial<Record<Environment, SeveritySetting>>;
  /** One line: what the rule reports. */
  description: string;
  /** Whether the rule offers fixes. */
  fixable: boolean;
  /** Findings are dead configuration (shown faded: DiagnosticTag.Unnecessary). */
  unnecessary?: boolean;
  /** Semantic rules run on the policy model of every controller; syntax rules on the raw document/target. */
  kind: 'syntax' | 'semantic';
}

export interface ReportDescriptor {
  range: Range;
  message: string;
  fixes?: Fix[];
  related?: RelatedInfo[];
  /** Overrides the meta/environment default severity for this finding (config still wins). */
  severity?: Severity;
}

export interface RuleContext {
  readonly text: string;
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

export interface RuleVisitors {
  document?(doc: ParsedDocument, index: number): void;
  target?(target: Target, policy: EffectivePolicy): void;
  policy?(policy: EffectivePolicy): void;
  /** Called once after everything else (whole-file rules). */
  end?(): void;
}

export interface Rule {
  meta: RuleMeta;
  create(context: RuleContext): RuleVisitors;
}

export function defineRule(rule: Rule): Rule {
  return rule;
}

export function docsUrl(id: string): string {
  return `${DOCS_BASE}${id}.md`;
}

export type { Document };
