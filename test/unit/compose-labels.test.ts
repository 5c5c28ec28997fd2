import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { lintText } from '../../server/src/engine/lint';
import { looksLikeCorsConfig } from '../../server/src/engine/targets/sniff';

const EX = path.resolve(__dirname, '../../../examples');
const lint = (text: string) => {
  const r = lintText(text, { filePath: 'docker-compose.yml' });
  return { r, found: r.findings.map((f) => [f.ruleId, text.slice(f.range.start, f.range.end)]) };
};
const compose = (labels: string) => `services:\n  api:\n    image: api:1\n    labels:\n${labels}`;

test('compose labels, list form: a Traefik target whose findings point inside the label string', () => {
  const { r, found } = lint(
    compose(
      '      - "traefik.http.middlewares.cors.headers.accesscontrolalloworiginlist=*"\n' +
        '      - "traefik.http.middlewares.cors.headers.accesscontrolallowcredentials=true"\n' +
        '      - traefik.http.middlewares.cors.headers.accesscontrolmaxage=600\n',
    ),
  );
  assert.deepEqual(
    r.policies.map((p) => [p.controller, p.source, p.acaoMode, p.allowCredentials, p.maxAge]),
    [['traefik', 'service api middleware cors', 'echo', true, 600]],
  );
  assert.deepEqual(found, [
    ['missing-vary-header', 'traefik.http.middlewares.cors.headers.accesscontrolalloworiginlist'],
    ['wildcard-origin', '*'],
    ['wildcard-with-credentials', '*'],
  ]);
  assert.ok(
    r.findings.every((f) => f.fixes.length === 0),
    'no YAML fixes inside label strings',
  );
});

test('compose labels, map form with mixed-case keys and a comma-separated list', () => {
  const text = compose(
    '      Traefik.HTTP.Middlewares.Cors.Headers.AccessControlAllowOriginList: "https://a.example.com, app.example.com"\n' +
      '      traefik.http.middlewares.Cors.headers.ADDVARYHEADER: "true"\n',
  );
  const { r, found } = lint(text);
  assert.deepEqual(
    r.policies.map((p) => [p.origins.map((o) => o.value), p.varyOrigin]),
    [[['https://a.example.com', 'app.example.com'], true]],
  );
  assert.deepEqual(found, [['origin-never-matches', 'app.example.com']]);
});

test('compose labels: several middlewares and services give one target each', () => {
  const text =
    'services:\n  a:\n    labels:\n      - traefik.http.middlewares.one.headers.accessControlAllowOriginList=https://a.example.com\n' +
    '      - traefik.http.middlewares.one.headers.addVaryHeader=true\n' +
    '      - traefik.http.middlewares.two.headers.accessControlAllowOriginList=https://b.example.com\n' +
    '      - traefik.http.middlewares.two.headers.addVaryHeader=true\n' +
    '  b:\n    labels:\n      traefik.http.middlewares.three.headers.accesscontrolalloworiginlist: https://c.example.com\n      traefik.http.middlewares.three.headers.addvaryheader: "true"\n';
  const { r, found } = lint(text);
  assert.deepEqual(
    r.policies.map((p) => [p.source, p.origins.map((o) => o.value)]),
    [
      ['service a middleware one', ['https://a.example.com']],
      ['service a middleware two', ['https://b.example.com']],
      ['service b middleware three', ['https://c.example.com']],
    ],
  );
  assert.deepEqual(found, []);
});

test('a compose file without Traefik CORS labels has no target and is not picked by content', () => {
  const text = compose(
    '      - traefik.enable=true\n      - traefik.http.middlewares.r.redirectscheme.scheme=https\n      - "traefik.http.middlewares.h.headers.customresponseheaders.X-A=b"\n',
  );
  assert.deepEqual(lint(text).r.policies, []);
  assert.deepEqual(lint(text).found, []);
  assert.equal(looksLikeCorsConfig(text), false);
});

test('examples/compose/docker-compose.yml: expected findings', () => {
  const text = fs.readFileSync(path.join(EX, 'compose/docker-compose.yml'), 'utf8');
  const r = lintText(text, { filePath: 'compose/docker-compose.yml' });
  const ids = r.findings.map((f) => `${f.ruleId}@${r.lines.position(f.range.start).line + 1}:${text.slice(f.range.start, f.range.end)}`);
  assert.deepEqual(ids, [
    'missing-vary-header@19:traefik.http.middlewares.api-cors.headers.accessControlAllowOriginList',
    'wildcard-origin@19:*',
    'wildcard-with-credentials@19:*',
    'missing-vary-header@29:traefik.http.middlewares.web-cors.headers.AccessControlAllowOriginList',
    'origin-never-matches@29:app.example.com',
  ]);
  assert.equal(looksLikeCorsConfig(text), true);
});

test('compose labels: a boolean or integer Traefik cannot decode is noted as a label error, not an API-server one', () => {
  const { r } = lint(
    compose(
      '      - traefik.http.middlewares.c.headers.accesscontrolalloworiginlist=https://a.example.com\n      - traefik.http.middlewares.c.headers.accesscontrolallowcredentials=yes\n      - traefik.http.middlewares.c.headers.accesscontrolmaxage=10m\n',
    ),
  );
  const notes = r.policies[0].notes.filter((n) => n.includes('decode'));
  assert.deepEqual(notes, [
    'accessControlAllowCredentials `yes` is not a boolean: Traefik cannot decode the label and skips the container.',
    'accessControlMaxAge `10m` is not an integer: Traefik cannot decode the label and skips the container.',
  ]);
});
