/**
 * How Helm (go-yaml v2, YAML 1.1) types a plain scalar: yaml11PlainType answers words longer than `false` that start
 * with a letter without its regular expressions; these cases pin the answers on both sides of that shortcut.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { goAtoi, yaml11PlainType } from '../../server/src/engine/parse/values';

test('yaml11PlainType: nulls, booleans, numbers and strings as go-yaml v2 reads them', () => {
  const cases: [string, ReturnType<typeof yaml11PlainType>][] = [
    ['', 'null'],
    ['~', 'null'],
    ['null', 'null'],
    ['NULL', 'null'],
    ['nulls', 'string'],
    ['y', 'bool'],
    ['No', 'bool'],
    ['off', 'bool'],
    ['FALSE', 'bool'],
    [' false ', 'bool'],
    ['falsey', 'string'],
    ['offset', 'string'],
    ['nginx.ingress.kubernetes.io/enable-cors', 'string'],
    ['True1', 'string'],
    ['0x1F', 'int'],
    ['1_000', 'int'],
    ['-12', 'int'],
    ['1.5', 'float'],
    ['1e3', 'float'],
    ['.inf', 'float'],
    ['-.Inf', 'float'],
    ['.NaN', 'float'],
    ['1:20', 'string'],
    ['enabled', 'string'],
    ['host', 'string'],
  ];
  for (const [src, type] of cases) assert.equal(yaml11PlainType(src), type, JSON.stringify(src));
});

test('goAtoi: strconv.Atoi on 64 bits, short and long inputs alike', () => {
  assert.ok(Object.is(goAtoi('-0'), 0));
  assert.ok(Object.is(goAtoi('+0'), 0));
  assert.equal(goAtoi('007'), 7);
  assert.equal(goAtoi('+15'), 15);
  assert.equal(goAtoi('-3600'), -3600);
  assert.equal(goAtoi('999999999999999'), 999999999999999);
  assert.equal(goAtoi('9223372036854775807'), Number(9223372036854775807n));
  assert.equal(goAtoi('-9223372036854775808'), Number(-9223372036854775808n));
  assert.equal(goAtoi('9223372036854775808'), undefined);
  assert.equal(goAtoi('1.5'), undefined);
  assert.equal(goAtoi(' 600'), undefined);
  assert.equal(goAtoi(''), undefined);
});
