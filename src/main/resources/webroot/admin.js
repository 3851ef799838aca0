// The administration section (admins only): the county's objects and accounts in searchable
// tables with forms that show the server's field errors, device secrets shown once with their
// set-up QR code, the county bundle upload with its problems or summary, and the audit log.
import { api } from './api.js';
import { fill, h } from './dom.js';
import { clock, countyTime, label, t, translateStatic } from './i18n.js';
import { on } from './store.js';

const PAGE = 50;

// What each object type shows and edits. `list` fields are comma separated in the form.
const TYPES = {
  areas: { path: '/api/admin/areas', key: 'code', fields: [
    { name: 'code', required: true, fixed: true }, { name: 'name', required: true },
    { name: 'level', required: true, options: ['county', 'township', 'village', 'committee'] },
    { name: 'parent' }, { name: 'shape', json: true, required: true, hidden: true }] },
  stations: { path: '/api/admin/stations', key: 'code', fields: [
    { name: 'code', required: true, fixed: true }, { name: 'name', required: true },
    { name: 'lat', number: true, required: true }, { name: 'lon', number: true, required: true },
    { name: 'townships', list: true }] },
  offices: { path: '/api/admin/offices', key: 'code', fields: [
    { name: 'code', required: true, fixed: true }, { name: 'name', required: true },
    { name: 'station', required: true }, { name: 'lat', number: true, required: true },
    { name: 'lon', number: true, required: true }, { name: 'villages', list: true }] },
  workstations: { path: '/api/admin/workstations', key: 'code', fields: [
    { name: 'code', required: true, fixed: true }, { name: 'name', required: true },
    { name: 'office', required: true }, { name: 'village', required: true },
    { name: 'lat', number: true, required: true }, { name: 'lon', number: true, required: true }] },
  people: { path: '/api/admin/people', key: 'id', fields: [
    { name: 'id', required: true, fixed: true }, { name: 'name', required: true },
    { name: 'kind', required: true, options: ['auxiliary', 'officer'] }, { name: 'phone' },
    { name: 'post', required: true }] },
  devices: { path: '/api/admin/devices', key: 'deviceId', fields: [
    { name: 'deviceId', required: true, fixed: true }, { name: 'personId', required: true }] },
  accounts: { path: '/api/accounts', key: 'username', fields: [
    { name: 'username', required: true, fixed: true }, { name: 'password', password: true, createOnly: true },
    { name: 'role', required: true, options: ['admin', 'county', 'station', 'viewer'] },
    { name: 'stations', list: true }] },
};
const SECTIONS = [...Object.keys(TYPES), 'import', 'audit'];
const AUDIT_KINDS = ['', 'area', 'station', 'office', 'workstation', 'person', 'device', 'account', 'county', 'incident'];

/** Hooks the section to its button; returns nothing the console needs. */
export function initAdmin({ button, view, consoleView }) {
  let section = 'people';
  const nav = h('nav', { class: 'admin-nav', role: 'tablist' });
  const main = h('div', { class: 'admin-main' });
  const dialog = h('div', { class: 'admin-dialog', hidden: true });
  fill(view,
    h('header', { class: 'admin-top' },
      h('h1', { 'data-i18n': 'admin.title' }),
      h('button', { type: 'button', class: 'btn btn-secondary', id: 'admin-close', 'data-i18n': 'admin.back',
        onclick: () => show(false) })),
    h('div', { class: 'admin-body' }, nav, main), dialog);

  function show(open) {
    view.hidden = !open;
    consoleView.hidden = open;
    if (open) render();
  }

  function render() {
    fill(nav, SECTIONS.map((s) => h('button', {
      type: 'button', role: 'tab', dataset: { section: s }, 'aria-selected': String(s === section),
      onclick: () => { section = s; render(); },
    }, t(`admin.section.${s}`))));
    if (TYPES[section]) renderTable(main, section, dialog);
    else if (section === 'import') renderImport(main);
    else renderAudit(main);
    translateStatic(view);
  }

  button.hidden = false;
  button.addEventListener('click', () => show(true));
  on('lang', () => { if (!view.hidden) render(); });
}

// ---------------------------------------------------------------- tables of objects

function renderTable(main, type, dialog) {
  const spec = TYPES[type];
  const search = h('input', { type: 'search', class: 'admin-search', placeholder: t('admin.search') });
  const status = type === 'accounts' ? null : h('select', { class: 'admin-status' },
    ['active', 'retired', 'all'].map((s) => h('option', { value: s }, t(`admin.status.${s}`))));
  const table = h('table', { class: 'admin-table' });
  const pager = h('div', { class: 'admin-pager' });
  let offset = 0;

  async function load() {
    const params = new URLSearchParams({ limit: PAGE, offset });
    if (search.value.trim()) params.set('q', search.value.trim());
    if (status) params.set('status', status.value);
    try {
      const page = await api.get(`${spec.path}?${params}`);
      drawRows(page.items);
      drawPager(pager, page, offset, (next) => { offset = next; load(); });
    } catch (e) {
      fill(table, h('tr', {}, h('td', { class: 'form-error' }, e.message)));
    }
  }

  function drawRows(items) {
    const columns = spec.fields.filter((f) => !f.hidden && !f.password);
    const head = h('tr', {}, columns.map((f) => h('th', {}, t(`admin.field.${f.name}`))),
      type === 'devices' ? h('th', {}, t('admin.field.secret')) : null,
      h('th', {}, t('admin.field.state')), h('th', {}));
    fill(table, h('thead', {}, head), h('tbody', {}, items.map((item) => h('tr', {
      dataset: { key: item[spec.key] }, class: item.retired || item.disabled ? 'retired' : null,
    }, columns.map((f) => h('td', {}, show(item[f.name], f))),
    type === 'devices' ? h('td', {}, item.hasSecret ? t('admin.secret.issued', { at: clock(item.secretIssuedAt) })
      : t('admin.secret.none')) : null,
    h('td', {}, state(item)), h('td', { class: 'admin-actions' }, actions(item))))));
  }

  function show(value, field) {
    if (Array.isArray(value)) return value.join(', ');
    if (field.options) return label(`admin.${field.name}`, value);
    return value ?? '';
  }

  function state(item) {
    if (type === 'accounts') return item.disabled ? t('admin.disabled') : t('admin.active');
    const online = type === 'devices' && !item.retired ? ` · ${item.online ? t('admin.online') : t('admin.offline')}` : '';
    return (item.retired ? t('admin.retired') : t('admin.active')) + online;
  }

  function actions(item) {
    const key = encodeURIComponent(item[spec.key]);
    const act = (text, run, danger) => h('button', { type: 'button', class: `btn btn-small${danger ? ' btn-danger' : ''}`,
      dataset: { action: text }, onclick: () => run().then(load).catch((e) => alert(e.message)) }, t(`admin.action.${text}`));
    if (type === 'accounts') {
      return [
        h('button', { type: 'button', class: 'btn btn-small', dataset: { action: 'edit' },
          onclick: () => openForm(dialog, type, item, load) }, t('admin.action.edit')),
        act('password', () => resetPassword(item.username)),
        item.disabled ? act('enable', () => api.post(`${spec.path}/${key}/enable`))
          : act('disable', () => api.post(`${spec.path}/${key}/disable`), true)];
    }
    if (item.retired) {
      return act('restore', () => api.post(`${spec.path}/${key}/restore`).then((r) => r.secret && showSecret(dialog, r.secret)));
    }
    return [
      h('button', { type: 'button', class: 'btn btn-small', dataset: { action: 'edit' },
        onclick: () => openForm(dialog, type, item, load) }, t('admin.action.edit')),
      type === 'devices' ? act('issue', () => api.post(`/api/devices/${key}/secret`).then((r) => showSecret(dialog, r))) : null,
      type === 'devices' && item.hasSecret ? act('revoke', () => api.del(`/api/devices/${key}/secret`), true) : null,
      act('retire', () => (confirm(t('admin.confirmRetire', { code: item[spec.key] })) ? api.del(`${spec.path}/${key}`)
        : Promise.resolve()), true)];
  }

  async function resetPassword(username) {
    const password = prompt(t('admin.newPassword', { username }));
    if (password) await api.post(`${spec.path}/${encodeURIComponent(username)}/password`, { password });
  }

  search.addEventListener('input', () => { offset = 0; load(); });
  status?.addEventListener('change', () => { offset = 0; load(); });
  fill(main, h('div', { class: 'admin-toolbar' }, search, status,
    h('button', { type: 'button', class: 'btn btn-primary', id: 'admin-new', onclick: () => openForm(dialog, type, null, load) },
      t('admin.new'))), table, pager);
  load();
}

/** "1–50 of 120" with previous and next buttons. */
function drawPager(pager, page, offset, go) {
  fill(pager, t('admin.shown', { from: page.total ? offset + 1 : 0, to: offset + page.items.length, total: page.total }),
    h('button', { type: 'button', class: 'btn btn-small', disabled: offset === 0,
      onclick: () => go(Math.max(0, offset - PAGE)) }, '‹'),
    h('button', { type: 'button', class: 'btn btn-small', disabled: offset + PAGE >= page.total,
      onclick: () => go(offset + PAGE) }, '›'));
}

// ---------------------------------------------------------------- forms

function openForm(dialog, type, item, done) {
  const spec = TYPES[type];
  const creating = item == null;
  const inputs = new Map();
  const errors = new Map();
  const general = h('p', { class: 'form-error', hidden: true });
  const rows = spec.fields.filter((f) => creating || !f.createOnly).map((f) => {
    const value = item?.[f.name];
    let input;
    if (f.options) {
      input = h('select', { name: f.name }, f.options.map((o) => h('option', { value: o, selected: o === value },
        label(`admin.${f.name}`, o))));
    } else if (f.json) {
      input = h('textarea', { name: f.name, rows: 4, placeholder: '{"type":"Polygon","coordinates":[…]}' },
        value ? JSON.stringify(value) : '');
    } else {
      input = h('input', { name: f.name, type: f.password ? 'password' : 'text', inputmode: f.number ? 'decimal' : null,
        value: Array.isArray(value) ? value.join(', ') : value ?? '', readonly: !creating && f.fixed,
        required: f.required && !(f.json && !creating) });
    }
    const error = h('span', { class: 'field-error', hidden: true });
    inputs.set(f.name, input);
    errors.set(f.name, error);
    return h('label', { class: 'admin-field' }, h('span', {}, t(`admin.field.${f.name}`)), input, error);
  });
  const form = h('form', { class: 'admin-form', novalidate: true },
    h('h2', {}, t(creating ? 'admin.createTitle' : 'admin.editTitle', { what: t(`admin.section.${type}`) })),
    rows, general,
    h('div', { class: 'admin-form-buttons' },
      h('button', { type: 'button', class: 'btn btn-secondary', onclick: () => close(dialog) }, t('admin.cancel')),
      h('button', { type: 'submit', class: 'btn btn-primary' }, t('admin.save'))));

  function showError(field, message) {
    const el = errors.get(field);
    if (el) {
      el.textContent = message;
      el.hidden = false;
      inputs.get(field).classList.add('invalid');
    } else {
      general.textContent = message;
      general.hidden = false;
    }
  }

  function clearErrors() {
    errors.forEach((el, name) => { el.hidden = true; inputs.get(name).classList.remove('invalid'); });
    general.hidden = true;
  }

  /** The body the API takes; null (errors shown) when a field is plainly wrong. */
  function body() {
    const out = {};
    let ok = true;
    for (const f of spec.fields) {
      const input = inputs.get(f.name);
      if (!input) continue;
      const raw = input.value.trim();
      if (!raw) {
        if (f.required && !(f.json && !creating)) { showError(f.name, t('admin.required')); ok = false; }
        if (f.list) out[f.name] = [];
        continue;
      }
      if (f.number) {
        const n = Number(raw);
        if (!Number.isFinite(n)) { showError(f.name, t('admin.notNumber')); ok = false; } else out[f.name] = n;
      } else if (f.list) {
        out[f.name] = raw.split(/[,;，；\s]+/).filter(Boolean);
      } else if (f.json) {
        try { out[f.name] = JSON.parse(raw); } catch { showError(f.name, t('admin.notJson')); ok = false; }
      } else {
        out[f.name] = raw;
      }
    }
    return ok ? out : null;
  }

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors();
    const data = body();
    if (!data) return;
    const key = encodeURIComponent(item?.[spec.key] ?? '');
    try {
      const saved = creating ? await api.post(spec.path, data) : await api.put(`${spec.path}/${key}`, data);
      close(dialog);
      done();
      if (saved?.secret) showSecret(dialog, saved.secret);
    } catch (err) {
      serverErrors(err).forEach(({ field, message }) => showError(field, message));
    }
  });
  open(dialog, form);
  form.querySelector('input:not([readonly]), select, textarea')?.focus();
}

/** The server's errors as {field, message}: its `problems`, else the field its message quotes. */
function serverErrors(err) {
  const problems = err.details?.problems;
  if (Array.isArray(problems) && problems.length && problems[0].field !== undefined && !problems[0].file) {
    return problems.map((p) => ({ field: p.field, message: p.message }));
  }
  const quoted = /^'(\w+)/.exec(err.message ?? '');
  return [{ field: err.details?.field ?? quoted?.[1] ?? null, message: err.message }];
}

/** A device's new secret and its set-up QR code: shown once, never again. */
function showSecret(dialog, secret) {
  const qr = h('div', { class: 'admin-qr' });
  qr.innerHTML = secret.qrSvg; // drawn by the server from the device id, the secret and its address
  open(dialog, h('div', { class: 'admin-form admin-secret' },
    h('h2', {}, t('admin.secret.title', { device: secret.deviceId })),
    h('p', { class: 'admin-warning' }, t('admin.secret.once')),
    qr,
    h('label', { class: 'admin-field' }, h('span', {}, t('admin.field.secret')),
      h('input', { id: 'admin-secret-value', readonly: true, value: secret.secret, onfocus: (e) => e.target.select() })),
    h('div', { class: 'admin-form-buttons' },
      h('button', { type: 'button', class: 'btn btn-primary', id: 'admin-secret-done', onclick: () => close(dialog) },
        t('admin.secret.done')))));
}

function open(dialog, content) {
  fill(dialog, h('div', { class: 'admin-dialog-card' }, content));
  dialog.hidden = false;
}

function close(dialog) {
  dialog.hidden = true;
  dialog.replaceChildren(); // a secret shown once is gone from the page
}

// ---------------------------------------------------------------- bundle upload

function renderImport(main) {
  const file = h('input', { type: 'file', id: 'admin-bundle', accept: '.zip,application/zip' });
  const check = h('input', { type: 'checkbox', id: 'admin-check' });
  const prune = h('input', { type: 'checkbox', id: 'admin-prune' });
  const progress = h('p', { class: 'admin-progress muted' });
  const result = h('div', { class: 'admin-result' });
  const run = h('button', { type: 'button', class: 'btn btn-primary', id: 'admin-upload' }, t('admin.import.run'));
  run.addEventListener('click', async () => {
    if (!file.files.length) return;
    run.disabled = true;
    fill(result);
    const poll = setInterval(() => api.get('/api/admin/import/progress')
      .then((p) => { progress.textContent = t('admin.import.stage', { stage: p.stage, done: p.done, total: p.total }); })
      .catch(() => {}), 500);
    try {
      const bytes = new Uint8Array(await file.files[0].arrayBuffer());
      const query = new URLSearchParams({ check: check.checked, prune: prune.checked });
      showSummary(result, await api.upload(`/api/admin/import?${query}`, bytes));
    } catch (e) {
      showProblems(result, e);
    } finally {
      clearInterval(poll);
      progress.textContent = '';
      run.disabled = false;
    }
  });
  fill(main, h('div', { class: 'admin-import' },
    h('p', { class: 'muted' }, t('admin.import.hint')),
    h('div', { class: 'admin-toolbar' }, file,
      h('label', {}, check, ' ', t('admin.import.check')), h('label', {}, prune, ' ', t('admin.import.prune')), run),
    progress, result));
}

function showProblems(result, err) {
  const problems = err.details?.problems ?? [];
  fill(result, h('p', { class: 'form-error' }, err.message),
    problems.length ? h('table', { class: 'admin-table admin-problems' },
      h('thead', {}, h('tr', {}, ['file', 'line', 'field', 'message'].map((c) => h('th', {}, t(`admin.problem.${c}`))))),
      h('tbody', {}, problems.map((p) => h('tr', {}, h('td', {}, p.file),
        h('td', {}, p.feature != null ? `features[${p.feature}]` : p.line || ''), h('td', {}, p.field),
        h('td', {}, p.message))))) : null);
}

function showSummary(result, done) {
  const kinds = done.summary.kinds;
  const secrets = done.secrets ?? [];
  const csv = ['device_id,secret', ...secrets.map((s) => `${s.deviceId},${s.secret}`)].join('\n');
  fill(result, h('p', { class: 'admin-ok' }, t(done.checked ? 'admin.import.checked' : 'admin.import.done')),
    h('table', { class: 'admin-table admin-summary' },
      h('thead', {}, h('tr', {}, h('th', {}), ['added', 'changed', 'unchanged', 'removed', 'kept']
        .map((c) => h('th', {}, t(`admin.import.${c}`))))),
      h('tbody', {}, Object.entries(kinds).map(([kind, c]) => h('tr', {}, h('td', {}, t(`admin.kind.${kind}`)),
        ['added', 'changed', 'unchanged', 'removed', 'kept'].map((k) => h('td', {}, c[k])))))),
    secrets.length ? h('p', {}, t('admin.import.secrets', { n: secrets.length }), ' ',
      h('a', { href: URL.createObjectURL(new Blob([csv], { type: 'text/csv' })), download: 'device-secrets.csv' },
        t('admin.import.download'))) : null);
}

// ---------------------------------------------------------------- audit log

function renderAudit(main) {
  const from = h('input', { type: 'datetime-local', id: 'audit-from' });
  const to = h('input', { type: 'datetime-local', id: 'audit-to' });
  const actor = h('input', { type: 'search', id: 'audit-actor', placeholder: t('admin.audit.actor') });
  const kind = h('select', { id: 'audit-kind' }, AUDIT_KINDS.map((k) => h('option', { value: k },
    k ? label('admin.auditKind', k) : t('admin.audit.allKinds'))));
  const table = h('table', { class: 'admin-table admin-audit' });
  const pager = h('div', { class: 'admin-pager' });
  let offset = 0;

  async function load() {
    const params = new URLSearchParams({ limit: PAGE, offset });
    if (from.value) params.set('from', countyTime(from.value));
    if (to.value) params.set('to', countyTime(to.value));
    if (actor.value.trim()) params.set('actor', actor.value.trim());
    if (kind.value) params.set('kind', kind.value);
    try {
      const page = await api.get(`/api/audit?${params}`);
      fill(table, h('thead', {}, h('tr', {}, ['at', 'actor', 'action', 'target', 'details']
        .map((c) => h('th', {}, t(`admin.audit.${c}`))))),
      h('tbody', {}, page.items.map((e) => h('tr', {}, h('td', {}, clock(e.at)), h('td', {}, e.actor),
        h('td', {}, e.action), h('td', {}, e.target ?? ''),
        h('td', { class: 'admin-details' }, JSON.stringify(e.details))))));
      drawPager(pager, page, offset, (next) => { offset = next; load(); });
    } catch (e) {
      fill(table, h('tr', {}, h('td', { class: 'form-error' }, e.message)));
    }
  }
  [from, to, actor, kind].forEach((el) => el.addEventListener('change', () => { offset = 0; load(); }));
  fill(main, h('div', { class: 'admin-toolbar' }, from, to, actor, kind), table, pager);
  load();
}
