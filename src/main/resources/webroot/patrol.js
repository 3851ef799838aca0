// The patrol and evaluation section (巡逻与考核): a month's village coverage on a map, charts of
// daily coverage, response times and ledger work per office, and the evaluation table with its
// drill-down (county → station → office → workstation → person), the brigade's inspection scores,
// closing the month and the exports. It lies over the console while open; the console keeps running.
/* global L, echarts */
import { api } from './api.js';
import { fill, h } from './dom.js';
import { clock, t, translateStatic } from './i18n.js';
import { shareColour, villageLayer } from './patrol-map.js';
import { on, store } from './store.js';
import { notify } from './toasts.js';

const LEDGER_KINDS = ['household_visit', 'safety_talk', 'dispute_mediated', 'fire_hazard', 'traffic_hazard',
  'security_hazard', 'other'];

/** Hooks the section to its button; it is built the first time it opens. */
export function initPatrol({ button, mapView }) {
  let basemap = null;
  let section = null;
  mapView.onBasemap((geojson) => {
    basemap = geojson;
    section?.showVillages(geojson);
  });
  button.addEventListener('click', () => {
    section ??= createSection(() => basemap);
    section.open();
  });
}

function createSection(basemap) {
  const el = h('section', { id: 'patrol-view', class: 'patrol-view', hidden: true });
  el.innerHTML = `
    <header class="patrol-bar">
      <h2 data-i18n="patrol.title"></h2>
      <label class="patrol-month"><span data-i18n="patrol.month"></span> <input id="patrol-month" type="month"></label>
      <span id="patrol-range" class="muted"></span>
      <span id="patrol-state" class="chip"></span>
      <span class="patrol-spacer"></span>
      <button type="button" class="btn btn-small" data-export="evaluation-xlsx" data-i18n="patrol.exportEvaluation"></button>
      <button type="button" class="btn btn-small" data-export="evaluation-csv" data-i18n="patrol.exportEvaluationCsv"></button>
      <button type="button" class="btn btn-small" data-export="coverage" data-i18n="patrol.exportCoverage"></button>
      <button type="button" class="btn btn-small" data-export="ledger" data-i18n="patrol.exportLedger"></button>
      <button type="button" id="patrol-close-month" class="btn btn-small btn-primary" data-i18n="patrol.closeMonth" hidden></button>
      <button type="button" id="patrol-lang" class="btn btn-small" data-i18n="header.language"></button>
      <button type="button" id="patrol-back" class="btn btn-small" data-i18n="patrol.back"></button>
    </header>
    <div class="patrol-grid">
      <div class="patrol-card patrol-map-card"><h3 data-i18n="patrol.coverageMap"></h3><div id="patrol-map"></div></div>
      <div class="patrol-card"><h3 data-i18n="patrol.chart.daily"></h3><div id="patrol-chart-daily" class="patrol-chart"></div></div>
      <div class="patrol-card"><h3 data-i18n="patrol.chart.response"></h3><div id="patrol-chart-response" class="patrol-chart"></div></div>
      <div class="patrol-card"><h3 data-i18n="patrol.chart.ledger"></h3><div id="patrol-chart-ledger" class="patrol-chart"></div></div>
      <div class="patrol-card patrol-table-card">
        <h3 data-i18n="patrol.table"></h3>
        <nav id="patrol-crumbs" class="patrol-crumbs"></nav>
        <p id="patrol-missing" class="muted small"></p>
        <div class="patrol-table-wrap"><table id="patrol-table" class="patrol-table"></table></div>
        <button type="button" id="patrol-save" class="btn btn-small btn-primary" data-i18n="patrol.save" hidden></button>
      </div>
    </div>`;
  document.body.append(el);
  const $ = (selector) => el.querySelector(selector);
  translateStatic(el);

  const map = L.map($('#patrol-map'), { attributionControl: false, zoomSnap: 0.25 });
  new ResizeObserver(() => map.invalidateSize()).observe($('#patrol-map'));
  const share = new Map();
  const villages = villageLayer(
    (code) => ({ fillColor: shareColour(share.get(code)?.shareMet), state: share.has(code) ? 'coloured' : 'none' }),
    (code, name) => {
      const v = share.get(code);
      return v ? `${name}: ${v.daysMet}/${v.days} · ${v.visits} · ${v.minutes} min` : name;
    });
  villages.layer.addTo(map);
  const charts = {};
  const state = { month: null, data: null, path: [], edits: new Map() };

  function showVillages(geojson) {
    villages.setVillages(geojson);
    villages.refresh();
    const bounds = villages.layer.getBounds();
    if (bounds.isValid()) map.fitBounds(bounds, { padding: [8, 8] });
  }

  async function load(month) {
    try {
      const summary = await api.get(`/api/ledger/summary${month ? `?month=${month}` : ''}`);
      state.month = summary.month;
      $('#patrol-month').value = summary.month;
      const to = summary.to; // the server leaves out the days after today
      const [evaluation, coverage, daily] = await Promise.all([
        api.get(`/api/evaluations/${summary.month}`),
        api.get(`/api/coverage?level=village&from=${summary.from}&to=${to}`),
        api.get(`/api/coverage/daily?from=${summary.from}&to=${to}`),
      ]);
      state.data = { summary, evaluation, coverage, daily, to };
      state.edits.clear();
      share.clear();
      coverage.forEach((v) => share.set(v.code, v));
      villages.refresh();
      render();
    } catch (e) {
      notify.error(e.message);
    }
  }

  function render() {
    const d = state.data;
    if (!d) return;
    const ev = d.evaluation;
    $('#patrol-range').textContent = t('patrol.range', { from: ev.from, to: ev.to });
    $('#patrol-state').textContent = ev.closed
      ? t('patrol.closed', { by: ev.closedBy, at: clock(ev.closedAt) }) : t('patrol.open.state');
    $('#patrol-state').dataset.closed = String(ev.closed);
    $('#patrol-close-month').hidden = ev.closed || !countyWide();
    $('#patrol-missing').textContent = ev.missingInspections.length
      ? t('patrol.missing', { list: ev.missingInspections.join(', ') }) : '';
    renderCharts(d);
    renderTable();
  }

  function renderCharts(d) {
    const offices = d.evaluation.offices;
    chart('daily', {
      tooltip: { trigger: 'axis' },
      grid: { left: 40, right: 12, top: 16, bottom: 28 },
      xAxis: { type: 'category', data: d.daily.map((x) => x.day.slice(5)) },
      yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
      series: [{ name: t('patrol.chart.share'), type: 'line', smooth: true, areaStyle: { opacity: 0.15 },
        data: d.daily.map((x) => Math.round(x.shareMet * 1000) / 10) }],
    });
    chart('response', {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 40, right: 12, top: 28, bottom: 40 },
      xAxis: { type: 'category', data: offices.map((o) => o.name), axisLabel: { rotate: 30, fontSize: 10 } },
      yAxis: { type: 'value' },
      series: [
        { name: t('patrol.chart.accept'), type: 'bar', data: offices.map((o) => o.facts.medianAcceptSeconds) },
        { name: t('patrol.chart.arrive'), type: 'bar',
          data: offices.map((o) => (o.facts.medianArriveSeconds == null ? null : Math.round(o.facts.medianArriveSeconds / 6) / 10)) },
      ],
    });
    chart('ledger', {
      tooltip: { trigger: 'axis' },
      legend: { top: 0, type: 'scroll' },
      grid: { left: 40, right: 12, top: 28, bottom: 40 },
      xAxis: { type: 'category', data: d.summary.offices.map((o) => o.name), axisLabel: { rotate: 30, fontSize: 10 } },
      yAxis: { type: 'value' },
      series: LEDGER_KINDS.map((kind) => ({ name: t(`patrol.ledger.${kind}`), type: 'bar', stack: 'work',
        data: d.summary.offices.map((o) => o.work[kind] ?? 0) })),
    });
  }

  function chart(name, option) {
    const box = $(`#patrol-chart-${name}`);
    charts[name] ??= echarts.init(box);
    charts[name].setOption(option, true);
  }

  // ---------------------------------------------------------------- evaluation table

  /** The rows of the level the breadcrumb points at. */
  function rows() {
    const ev = state.data.evaluation;
    const [stationId, officeId, workstationId] = state.path;
    if (workstationId) return { kind: 'auxiliary', list: ev.auxiliaries.filter((a) => a.workstationId === workstationId) };
    if (officeId) {
      return { kind: 'workstation', list: [...ev.workstations.filter((w) => w.officeId === officeId),
        ...ev.officers.filter((o) => o.officeId === officeId)] };
    }
    if (stationId) return { kind: 'office', list: ev.offices.filter((o) => o.stationId === stationId) };
    return { kind: 'station', list: ev.stations };
  }

  function renderTable() {
    const ev = state.data.evaluation;
    const crumbs = [h('a', { href: '#', onclick: (e) => { e.preventDefault(); drill([]); } }, t('patrol.county'))];
    state.path.forEach((id, i) => {
      const name = [ev.stations, ev.offices, ev.workstations].flat().find((x) => x.id === id)?.name ?? id;
      crumbs.push(' › ', h('a', { href: '#', onclick: (e) => { e.preventDefault(); drill(state.path.slice(0, i + 1)); } }, name));
    });
    fill($('#patrol-crumbs'), crumbs);
    const { kind, list } = rows();
    const table = $('#patrol-table');
    const editable = countyWide() && !ev.closed && (kind === 'office' || kind === 'workstation');
    if (kind === 'station') {
      fill(table,
        h('thead', {}, h('tr', {}, ['patrol.col.name', 'patrol.col.offices', 'patrol.col.tiers', 'patrol.col.amount', 'patrol.col.score']
          .map((key) => h('th', {}, t(key))))),
        h('tbody', {}, list.map((s) => h('tr', { dataset: { id: s.id, kind: 'station' } },
          h('td', {}, h('a', { href: '#', onclick: (e) => { e.preventDefault(); drill([s.id]); } }, s.name)),
          h('td', {}, s.offices), h('td', {}, `${s.tiers.first}/${s.tiers.second}/${s.tiers.third}`),
          h('td', {}, s.amount), h('td', {}, s.meanScore)))));
    } else {
      const head = ['patrol.col.rank', 'patrol.col.name', 'patrol.col.score', 'patrol.col.tier', 'patrol.col.amount',
        'patrol.col.coverage', 'patrol.col.presence', 'patrol.col.accepted', 'patrol.col.ledger', 'patrol.col.inspection',
        'patrol.col.missing'];
      fill(table,
        h('thead', {}, h('tr', {}, head.map((key) => h('th', {}, t(key))))),
        h('tbody', {}, list.map((s) => standingRow(s, editable))));
    }
    $('#patrol-save').hidden = !editable;
  }

  function standingRow(s, editable) {
    const f = s.facts;
    const next = { office: 1, workstation: 2 }[s.kind];
    const name = next != null ? h('a', { href: '#', onclick: (e) => { e.preventDefault(); drill([...state.path.slice(0, next), s.id]); } }, s.name)
      : s.name;
    const inspected = s.kind === 'office' || s.kind === 'workstation';
    return h('tr', { dataset: { id: s.id, kind: s.kind } },
      h('td', {}, s.rank), h('td', {}, name, h('span', { class: 'muted small' }, ` ${t(`patrol.kind.${s.kind}`)}`)),
      h('td', {}, s.score), h('td', { class: s.tier ? `tier tier-${s.tier}` : '' }, s.tier ? t(`patrol.tier.${s.tier}`) : ''),
      h('td', {}, s.amount ?? ''), h('td', {}, percent(f.coverageShare)), h('td', {}, percent(f.presenceShare)),
      h('td', {}, percent(f.acceptedShare)), h('td', {}, f.ledger.household_visit),
      h('td', {}, inspected ? inspection(s, editable) : ''),
      h('td', { class: 'muted small' }, s.missing.length ? s.missing.length : ''));
  }

  function inspection(s, editable) {
    const current = state.edits.get(s.id) ?? s.facts.inspection ?? {};
    if (!editable) {
      return s.facts.inspection ? `${current.hardware}/${current.housekeeping}/${current.ledgers}` : t('patrol.noData');
    }
    return ['hardware', 'housekeeping', 'ledgers'].map((part) => h('input', {
      type: 'number', min: 0, max: 100, step: 1, class: 'patrol-score', value: current[part] ?? '',
      dataset: { subject: s.id, part },
      oninput: (e) => {
        const edit = { ...(state.edits.get(s.id) ?? s.facts.inspection ?? {}) };
        edit[part] = e.target.value === '' ? null : Number(e.target.value);
        state.edits.set(s.id, edit);
      },
    }));
  }

  function drill(path) {
    state.path = path;
    renderTable();
  }

  async function saveInspections() {
    const inspections = [...state.edits.entries()]
      .filter(([, v]) => ['hardware', 'housekeeping', 'ledgers'].every((p) => v[p] != null))
      .map(([subject, v]) => ({ subject, hardware: v.hardware, housekeeping: v.housekeeping, ledgers: v.ledgers }));
    if (!inspections.length) return;
    try {
      state.data.evaluation = await api.post(`/api/evaluations/${state.month}/inspections`, { inspections });
      state.edits.clear();
      notify.ok(t('patrol.saved'));
      render();
    } catch (e) {
      notify.error(e.message);
    }
  }

  async function closeMonth() {
    if (!window.confirm(t('patrol.closeConfirm', { month: state.month }))) return;
    try {
      state.data.evaluation = await api.post(`/api/evaluations/${state.month}/close`, {});
      notify.ok(t('patrol.closedNow', { month: state.month }));
      render();
    } catch (e) {
      notify.error(e.message);
    }
  }

  /** Downloads an export. */
  async function download(kind) {
    const d = state.data;
    const paths = {
      'evaluation-xlsx': `/api/evaluations/${state.month}?format=xlsx`,
      'evaluation-csv': `/api/evaluations/${state.month}?format=csv`,
      coverage: `/api/coverage?level=office&from=${d.summary.from}&to=${d.to}&format=xlsx`,
      ledger: `/api/ledger?from=${d.summary.from}&to=${d.to}&format=xlsx`,
    };
    try {
      await api.download(paths[kind], kind);
    } catch (e) {
      notify.error(e.message);
    }
  }

  $('#patrol-back').addEventListener('click', () => {
    el.hidden = true;
    document.body.classList.remove('patrol-open');
  });
  // the console's own switch does everything a language change needs; it is only hidden under the section
  $('#patrol-lang').addEventListener('click', () => document.querySelector('.topbar .lang-switch').click());
  $('#patrol-month').addEventListener('change', (e) => { if (e.target.value) load(e.target.value); });
  $('#patrol-save').addEventListener('click', saveInspections);
  $('#patrol-close-month').addEventListener('click', closeMonth);
  el.querySelectorAll('[data-export]').forEach((b) => b.addEventListener('click', () => download(b.dataset.export)));
  on('lang', () => {
    translateStatic(el);
    render();
  });
  new ResizeObserver(() => Object.values(charts).forEach((c) => c.resize())).observe(el);

  return {
    showVillages,
    open() {
      el.hidden = false;
      document.body.classList.add('patrol-open');
      map.invalidateSize();
      if (basemap() && villages.layer.getLayers().length === 0) showVillages(basemap());
      load(state.month);
    },
  };
}

function countyWide() {
  return store.me?.role === 'admin' || store.me?.role === 'county';
}

function percent(share) {
  return share == null ? '—' : `${Math.round(share * 1000) / 10}%`;
}
