import { defineRule } from './rule';

/** Reported by the lint driver after suppression comments are matched (see lint.ts); this module holds its meta. */
export default defineRule({
  meta: {
    id: 'unused-disable',
    defaultSeverity: 'info',
    description: 'A `vcluster-cors-disable` comment suppresses nothing (or names an unknown rule).',
    fixable: 'safe',
    docs: {
      summary: 'a suppression comment suppresses nothing',
      fix: 'remove the id or the comment',
    },
    unnecessary: true,
    kind: 'syntax',
    messages: {
      unusedComment: 'This disable comment suppresses nothing: remove it.',
      unusedId: '{{id}} is disabled here but reports nothing: remove it.',
      unknownId: '{{id}} is not a rule id: this disable comment suppresses nothing.',
    },
  },
  create() {
    return {};
  },
});
