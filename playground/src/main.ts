/**
 * The web playground: a YAML editor (CodeMirror 6 with its YAML mode and lint gutter) that lints with the
 * engine's browser facade on every change, offers the engine's quick fixes in one click, shows the effective
 * policy of every CORS target and simulates a browser request against it. The whole state lives in the
 * URL hash, so a link reproduces a configuration and a request.
 *
 * Everything runs in the page: no server, no network (the engine is ./engine.js, built from
 * server/src/engine/browser.ts).
 */
import { EditorView, basicSetup } from 'codemirror';
import { EditorState } from '@codemirror/state';
import { yaml } from '@codemirror/lang-yaml';
import { linter, lintGutter, forceLinting, type Diagnostic } from '@codemirror/lint';
import {
  computePolicies,
  docsUrl,
  fixText,
  lintText,
  LineIndex,
  simulate,
  type EffectivePolicy,
  type Environment,
  type Finding,
  type Fix,
  type SimulationRequest,
  type SimulationResult,
} from '../../server/src/engine/browser';
import { policyRows } from '../../server/src/cli/format/policy';
import { CONTROLLERS, type Example } from './examples';

/* ------------------------------------------------------------------ state */

interface State {
  controller: string;
  example: string;
  /** The file name the text is linted as (environment detection). */
  file: string;
  env: 'auto' | Environment;
  text: string;
  origin: string;
  method: string;
  headers: string;
  credentials: boolean;
}

const DEFAULT_REQUEST = { origin: 'https://admin.example.com', method: 'GET', headers: '', credentials: true };

function exampleOf(controller: string, id: string): Example {
  const c = CONTROLLERS.find((x) => x.id === controller) ?? CONTROLLERS[0];
  return c.examples.find((x) => x.id === id) ?? c.examples[0];
}

function defaultState(): State {
  const ex = exampleOf('ingress-nginx', 'broken');
  return { controller: 'ingress-nginx', example: ex.id, file: ex.file, env: 'auto', text: ex.text, ...DEFAULT_REQUEST };
}

/** `#s=<base64url(JSON)>`: UTF-8 safe, survives copy and paste of the link. */
export function encodeState(s: State): string {
  const bytes = new TextEncoder().encode(JSON.stringify(s));
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return 's=' + btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function decodeState(hash: string): State | undefined {
  const m = /(?:^#?|&)s=([A-Za-z0-9_-]+)/.exec(hash);
  if (!m) return undefined;
  try {
    const bin = atob(m[1].replace(/-/g, '+').replace(/_/g, '/'));
    const json = new TextDecoder().decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
    const raw = JSON.parse(json) as Partial<State>;
    const base = defaultState();
    const str = (v: unknown, d: string) => (typeof v === 'string' ? v : d);
    return {
      controller: str(raw.controller, base.controller),
      example: str(raw.example, ''),
      file: str(raw.file, base.file),
      env: raw.env === 'production' || raw.env === 'development' ? raw.env : 'auto',
      text: str(raw.text, ''),
      origin: str(raw.origin, base.origin),
      method: str(raw.method, base.method),
      headers: str(raw.headers, ''),
      credentials: raw.credentials === true,
    };
  } catch {
    return undefined;
  }
}

/* -------------------------------------------------------------------- DOM */

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const controllerSelect = $<HTMLSelectElement>('controller');
const exampleSelect = $<HTMLSelectElement>('example');
const envSelect = $<HTMLSelectElement>('env');
const fileInput = $<HTMLInputElement>('file');
const findingsList = $<HTMLOListElement>('findings');
const summary = $<HTMLElement>('summary');
const fixAllButton = $<HTMLButtonElement>('fix-all');
const policyBox = $<HTMLElement>('policy');
const simOrigin = $<HTMLInputElement>('sim-origin');
const simMethod = $<HTMLInputElement>('sim-method');
const simHeaders = $<HTMLInputElement>('sim-headers');
const simCredentials = $<HTMLInputElement>('sim-credentials');
const simResult = $<HTMLElement>('sim-result');

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  for (const c of children) e.append(c);
  return e;
}

/** Inline `code` spans of a message as <code> elements (messages use backticks). */
function richText(s: string): DocumentFragment {
  const f = document.createDocumentFragment();
  s.split(/(`[^`]*`)/).forEach((part) => {
    if (part.startsWith('`') && part.endsWith('`') && part.length >= 2) f.append(el('code', {}, part.slice(1, -1)));
    else if (part !== '') f.append(part);
  });
  return f;
}

/* ----------------------------------------------------------------- engine */

let state: State = decodeState(location.hash) ?? defaultState();
let lastText = '';
let lastFindings: Finding[] = [];
let lastPolicies: EffectivePolicy[] = [];
let lastLines = new LineIndex('');

function lintOptions() {
  return { filePath: state.file || 'vcluster-platform.yaml', environment: state.env === 'auto' ? undefined : state.env };
}

function applyEdits(view: EditorView, linted: string, fix: Fix): void {
  // The fix was computed for `linted`; if the text changed since, the next lint offers a fresh one.
  if (view.state.doc.toString() !== linted) return;
  view.dispatch({ changes: fix.edits.map((e) => ({ from: e.start, to: e.end, insert: e.newText })), userEvent: 'input.fix' });
  view.focus();
}

function analyze(view: EditorView): Diagnostic[] {
  const text = view.state.doc.toString();
  state.text = text;
  const result = lintText(text, lintOptions());
  lastText = text;
  lastFindings = result.findings;
  lastLines = new LineIndex(text);
  lastPolicies = computePolicies(text, { filePath: lintOptions().filePath }).policies;
  // A new file name can change the environment: lint again with it.
  if (syncController()) setTimeout(() => forceLinting(view));
  renderFindings(view, result.environment, result.environmentReason);
  renderPolicies();
  renderSimulation();
  saveState();
  const len = text.length;
  return result.findings.map((f) => ({
    from: Math.min(f.range.start, len),
    to: Math.min(Math.max(f.range.end, f.range.start), len),
    severity: f.severity,
    source: f.ruleId,
    message: f.message,
    actions: f.fixes.filter((x) => x.edits.length > 0).map((fx) => ({ name: fx.title, apply: (v: EditorView) => applyEdits(v, text, fx) })),
  }));
}

/** A pasted file of another controller switches the controller picker to it (the text stays). */
function syncController(): boolean {
  const found = [...new Set(lastPolicies.map((p) => p.controller))];
  if (found.length !== 1 || found[0] === state.controller || !CONTROLLERS.some((c) => c.id === found[0])) return false;
  const file = state.file;
  state.controller = found[0];
  controllerSelect.value = found[0];
  const examples = CONTROLLERS.find((c) => c.id === found[0])!.examples;
  const ex = examples.find((x) => x.text === lastText);
  state.example = ex ? ex.id : '';
  // A file name that came from another controller's example follows the controller; a typed one stays.
  if (CONTROLLERS.some((c) => c.examples.some((x) => x.file === state.file))) {
    state.file = ex ? ex.file : found[0] === 'ingress-nginx' ? 'vcluster-platform.yaml' : examples[0].file;
    fileInput.value = state.file;
  }
  fillExamples();
  return state.file !== file;
}

/* --------------------------------------------------------------- findings */

function renderFindings(view: EditorView, env: Environment, reason: string): void {
  findingsList.replaceChildren();
  const count = (s: string) => lastFindings.filter((f) => f.severity === s).length;
  const n = lastFindings.length;
  summary.textContent =
    n === 0
      ? `No problems (${env}: ${reason}).`
      : `${n} problem${n === 1 ? '' : 's'}: ${count('error')} error(s), ${count('warning')} warning(s), ${count('info')} info(s) — ${env} (${reason}).`;
  summary.dataset.count = String(n);
  const safe = lastFindings.some((f) => f.fixes.some((x) => x.safe && x.edits.length > 0));
  fixAllButton.disabled = !safe;
  for (const f of lastFindings) {
    const pos = lastLines.position(f.range.start);
    const li = el('li', { class: `finding sev-${f.severity}`, 'data-rule': f.ruleId });
    const where = el('button', { class: 'pos', title: 'Show in the editor' }, `${pos.line + 1}:${pos.character + 1}`);
    where.addEventListener('click', () => {
      view.dispatch({ selection: { anchor: f.range.start, head: Math.min(f.range.end, view.state.doc.length) }, scrollIntoView: true });
      view.focus();
    });
    li.append(
      where,
      el('span', { class: 'sev' }, f.severity),
      el('a', { class: 'rule', href: docsUrl(f.ruleId), target: '_blank', rel: 'noopener' }, f.ruleId),
    );
    li.append(el('p', { class: 'msg' }, richText(f.message)));
    const linted = lastText;
    for (const fx of f.fixes.filter((x) => x.edits.length > 0)) {
      const b = el(
        'button',
        {
          class: fx.safe ? 'fix' : 'fix unsafe',
          title: fx.safe ? 'Apply this fix' : 'Apply this fix (check the result: it needs your input)',
        },
        `Fix: ${fx.title}`,
      );
      b.addEventListener('click', () => applyEdits(view, linted, fx));
      li.append(b);
    }
    findingsList.append(li);
  }
}

/* ----------------------------------------------------------------- policy */

function renderPolicies(): void {
  policyBox.replaceChildren();
  if (lastPolicies.length === 0) {
    policyBox.append(
      el(
        'p',
        { class: 'empty' },
        'No CORS configuration found (chart values with an `ingress` block, or a Traefik Middleware, Istio VirtualService or Gateway API HTTPRoute).',
      ),
    );
    return;
  }
  for (const p of lastPolicies) {
    const line = lastLines.position(p.anchor.start).line + 1;
    const section = el('section', { class: 'policy', 'data-controller': p.controller, 'data-enabled': String(p.enabled) });
    section.append(
      el(
        'h3',
        {},
        `${p.controller}: ${p.source} `,
        el('span', { class: 'muted' }, `(line ${line})`),
        ' — ',
        el('span', { class: p.enabled ? 'ok' : 'warn' }, p.enabled ? 'CORS headers are sent' : 'no CORS headers are sent'),
      ),
    );
    const table = el(
      'table',
      {},
      el('thead', {}, el('tr', {}, el('th', {}, 'Setting'), el('th', {}, 'Effective value'), el('th', {}, 'From'))),
    );
    const body = el('tbody');
    for (const r of policyRows(p, lastLines))
      body.append(
        el('tr', { 'data-setting': r.setting }, el('td', {}, r.setting), el('td', {}, r.value), el('td', { class: 'muted' }, r.from)),
      );
    table.append(body);
    section.append(table);
    if (p.notes.length > 0) section.append(el('ul', { class: 'notes' }, ...p.notes.map((n) => el('li', {}, richText(n)))));
    policyBox.append(section);
  }
}

/* -------------------------------------------------------------- simulator */

function request(): SimulationRequest {
  return {
    origin: state.origin.trim(),
    method: state.method.trim() || 'GET',
    headers: state.headers
      .split(/[\n,]/)
      .map((h) => h.trim())
      .filter((h) => h !== ''),
    credentials: state.credentials,
  };
}

function headersBlock(status: string, headers: Record<string, string>): HTMLElement {
  const lines = [status, ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)];
  return el('pre', { class: 'http' }, lines.join('\n'));
}

function renderSimulation(): void {
  simResult.replaceChildren();
  const req = request();
  if (req.origin === '') {
    simResult.append(el('p', { class: 'empty' }, 'Enter the origin of the page that calls the API.'));
    return;
  }
  if (lastPolicies.length === 0) {
    simResult.append(el('p', { class: 'empty' }, 'Nothing to simulate: no CORS configuration in the editor.'));
    return;
  }
  for (const p of lastPolicies) {
    let r: SimulationResult;
    try {
      r = simulate(p, req);
    } catch (e) {
      simResult.append(el('p', { class: 'error' }, `Cannot simulate: ${(e as Error).message}`));
      continue;
    }
    const box = el('section', { class: `verdict ${r.verdict}`, 'data-verdict': r.verdict, 'data-source': p.source });
    box.append(el('h3', {}, `${r.verdict === 'allowed' ? '✔ Allowed' : '✖ Blocked'} — ${p.controller}: ${p.source}`));
    box.append(el('p', { class: 'reason' }, richText(r.reason)));
    if (r.browserVerdict !== r.verdict) box.append(el('p', { class: 'warn' }, `Current browsers: ${r.browserVerdict}.`));
    if (r.preflight && r.preflightResponse) {
      const status = r.preflightResponse.status === 'backend' ? 'OPTIONS → passed to the backend' : `HTTP ${r.preflightResponse.status}`;
      box.append(
        el(
          'h4',
          {},
          `Preflight (OPTIONS, Access-Control-Request-Method: ${r.method}${r.requestHeaders.length ? `, Access-Control-Request-Headers: ${r.requestHeaders.join(',')}` : ''})`,
        ),
      );
      box.append(headersBlock(status, r.preflightResponse.headers));
    } else {
      box.append(el('p', { class: 'muted' }, 'No preflight: a simple request.'));
    }
    if (r.actualRequestSent) {
      box.append(el('h4', {}, `Response to ${r.method}`));
      box.append(headersBlock(r.responseStatus === 'backend' ? 'status: from the backend' : `HTTP ${r.responseStatus}`, r.responseHeaders));
    }
    if (r.notes.length > 0) box.append(el('ul', { class: 'notes' }, ...r.notes.map((n) => el('li', {}, richText(n)))));
    simResult.append(box);
  }
}

/* ------------------------------------------------------------ URL + setup */

function saveState(): void {
  const hash = '#' + encodeState(state);
  if (location.hash !== hash) history.replaceState(null, '', hash);
}

function fillExamples(): void {
  const c = CONTROLLERS.find((x) => x.id === state.controller) ?? CONTROLLERS[0];
  exampleSelect.replaceChildren(...c.examples.map((x) => el('option', { value: x.id }, x.label)));
  if (!c.examples.some((x) => x.id === state.example)) exampleSelect.append(el('option', { value: '' }, '(edited)'));
  exampleSelect.value = c.examples.some((x) => x.id === state.example) ? state.example : '';
}

/** Puts the state (pickers, file name, request) into the form controls. */
function showState(): void {
  controllerSelect.value = state.controller;
  fillExamples();
  envSelect.value = state.env;
  fileInput.value = state.file;
  simOrigin.value = state.origin;
  simMethod.value = state.method;
  simHeaders.value = state.headers;
  simCredentials.checked = state.credentials;
}

controllerSelect.replaceChildren(...CONTROLLERS.map((c) => el('option', { value: c.id }, c.label)));
showState();

const view = new EditorView({
  parent: $('editor'),
  state: EditorState.create({
    doc: state.text,
    extensions: [
      basicSetup,
      yaml(),
      lintGutter(),
      linter(analyze, { delay: 150 }),
      EditorView.updateListener.of((u) => {
        // Any change that leaves the example's text (typing, a fix) turns the example picker to "(edited)".
        if (u.docChanged && state.example !== '' && u.state.doc.toString() !== exampleOf(state.controller, state.example).text) {
          state.example = '';
          fillExamples();
        }
      }),
    ],
  }),
});

function loadText(text: string): void {
  view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
  forceLinting(view);
}

controllerSelect.addEventListener('change', () => {
  state.controller = controllerSelect.value;
  const ex = exampleOf(state.controller, '');
  state.example = ex.id;
  state.file = ex.file;
  fileInput.value = ex.file;
  fillExamples();
  loadText(ex.text);
});
exampleSelect.addEventListener('change', () => {
  if (exampleSelect.value === '') return;
  const ex = exampleOf(state.controller, exampleSelect.value);
  state.example = ex.id;
  state.file = ex.file;
  fileInput.value = ex.file;
  fillExamples();
  loadText(ex.text);
});
envSelect.addEventListener('change', () => {
  state.env = envSelect.value as State['env'];
  forceLinting(view);
});
fileInput.addEventListener('change', () => {
  state.file = fileInput.value.trim();
  forceLinting(view);
});
for (const input of [simOrigin, simMethod, simHeaders]) {
  input.addEventListener('input', () => {
    state.origin = simOrigin.value;
    state.method = simMethod.value;
    state.headers = simHeaders.value;
    renderSimulation();
    saveState();
  });
}
simCredentials.addEventListener('change', () => {
  state.credentials = simCredentials.checked;
  renderSimulation();
  saveState();
});
$<HTMLFormElement>('sim').addEventListener('submit', (e) => e.preventDefault());
fixAllButton.addEventListener('click', () => {
  const text = view.state.doc.toString();
  const fixed = fixText(text, lintOptions());
  if (fixed.text !== text) view.dispatch({ changes: { from: 0, to: text.length, insert: fixed.text }, userEvent: 'input.fix' });
});
$<HTMLButtonElement>('copy-link').addEventListener('click', async () => {
  saveState();
  try {
    await navigator.clipboard.writeText(location.href);
    $('copy-link').textContent = 'Link copied';
  } catch {
    $('copy-link').textContent = 'Copy the address bar';
  }
  setTimeout(() => ($('copy-link').textContent = 'Copy link'), 2000);
});
window.addEventListener('hashchange', () => {
  const s = decodeState(location.hash);
  if (!s || s.text === view.state.doc.toString()) return;
  state = s;
  showState();
  loadText(s.text);
});

(window as unknown as { playground: unknown }).playground = { view, getState: () => ({ ...state }) };
document.body.dataset.ready = 'true';
