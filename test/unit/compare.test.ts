/**
 * compareIds (engine/util/compare.ts) orders rule ids exactly as `localeCompare` did, for every registered id
 * and the pseudo-rules of the lint loop.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareIds } from '../../server/src/engine/util/compare';
import { rules } from '../../server/src/engine/rules/registry';
import { UNUSED_DISABLE, YAML_SYNTAX } from '../../server/src/engine/lint';

test('compareIds agrees with localeCompare on every rule id', () => {
  const ids = [...rules.map((r) => r.meta.id), UNUSED_DISABLE, YAML_SYNTAX, 'a-b', 'ab', 'a1', 'a-1', 'schema', 'schema-x'];
  for (const id of ids) assert.match(id, /^[a-z0-9-]+$/);
  for (const a of ids) for (const b of ids) assert.equal(Math.sign(compareIds(a, b)), Math.sign(a.localeCompare(b)), `${a} vs ${b}`);
  assert.deepEqual(
    rules.map((r) => r.meta.id),
    rules.map((r) => r.meta.id).sort((a, b) => a.localeCompare(b)),
  );
});
