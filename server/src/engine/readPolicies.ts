/**
 * Text → parsed file and effective policies, the way `computePolicies` and `migrate` read a file (Helm template
 * actions masked, Platform values declared by config, values set by an action marked unknown).
 */
import type { EffectivePolicy, ParsedFile, Range } from './types';
import { parseText } from './parse/parse';
import { collectTargets } from './targets';
import { policyFor } from './policy';
import { attachAuthGates } from './policy/auth';
import { DEFAULT_CONFIG } from './config/defaults';
import type { ResolvedConfig } from './config/config';
import { parseWithTemplates } from './parse/template';
import { noteUnknownPolicies, templateScope } from './templates';
import { declaredPlatformValues } from './config/platformValues';
import type { TextLike } from './util/pieceText';

export interface ReadPolicies {
  parsed: ParsedFile;
  policies: EffectivePolicy[];
  syntaxError?: { message: string; range: Range };
}

export function readPolicies(text: TextLike, options: { config?: ResolvedConfig; filePath?: string } = {}): ReadPolicies {
  const config = options.config ?? DEFAULT_CONFIG;
  const parsed = parseWithTemplates(text, options.filePath, (t) => parseText(t, config.maxFileSize));
  if (parsed.fatal) return { parsed, policies: [], syntaxError: { message: parsed.fatal.message, range: parsed.fatal.range } };
  const targets = collectTargets(parsed, { filePath: options.filePath, declared: declaredPlatformValues(options.filePath, config) });
  const policies = targets.map((t) => policyFor(t, config, parsed.text));
  attachAuthGates(parsed, targets, policies);
  noteUnknownPolicies(policies, templateScope(parsed, targets));
  const firstError = parsed.problems.find((p) => p.kind === 'error');
  return firstError ? { parsed, policies, syntaxError: { message: firstError.message, range: firstError.range } } : { parsed, policies };
}
