/**
 * report.html: one self-contained page (Chart.js inlined from node_modules, the results embedded
 * as JSON), so it opens from disk, offline, anywhere. Charts: time against size per engine on
 * log–log axes with the crossover marked, speedup against NumPy, the upload/compute/download
 * breakdown as stacked bars, float16 against float32, and the per-op overhead.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Results } from './schema.js';

let chartJs: string | undefined;
/** The Chart.js UMD bundle, read once from the installed package. */
export function chartJsSource(): string {
  if (chartJs === undefined) {
    const require = createRequire(import.meta.url);
    // chart.js's exports map does not expose its UMD bundle: find it beside the CommonJS entry.
    chartJs = readFileSync(join(dirname(require.resolve('chart.js')), 'chart.umd.min.js'), 'utf8');
  }
  return chartJs;
}

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
/** JSON safe inside a <script> element. */
const scriptJson = (v: unknown) => JSON.stringify(v).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');

const gib = (b: number) => `${(b / 2 ** 30).toFixed(1)} GiB`;

function envTable(r: Results): string {
  const e = r.environment;
  const rows: [string, string][] = [
    ['Node', e.node],
    ['CPU', `${e.cpu.model} (${e.cpu.cores} cores)`],
    ['Memory', gib(e.memory.totalBytes)],
    ['GPU', e.gpus.length ? e.gpus.map((g) => `${g.name}, driver ${g.driver}, ${gib(g.memoryBytes)}`).join('; ') : 'none found (no nvidia-smi)'],
    ['Platform', `${e.platform} ${e.arch}, ${e.hostname}`],
    ['Git commit', e.git.commit ? `${e.git.commit}${e.git.dirty ? ' (with uncommitted changes)' : ''}` : 'unknown'],
    ['Packages', Object.entries(e.packages).map(([k, v]) => `${k} ${v}`).join(', ')],
    ['Run', `${r.options.mode} mode, ${r.startedAt}${r.complete ? '' : ' — INTERRUPTED: partial results'}`],
  ];
  if (e.python) rows.push(['Python', Object.entries(e.python).map(([k, v]) => `${k} ${String(v)}`).join(', ')]);
  return `<table class="kv">${rows.map(([k, v]) => `<tr><th>${esc(k)}</th><td>${esc(v)}</td></tr>`).join('')}</table>`;
}

function enginesTable(r: Results): string {
  const rows = r.engines.map((e) => {
    const what = e.engine ? `${e.engine.adapter} / ${e.engine.backend} / ${e.engine.device}` : '';
    return `<tr class="${e.status}"><td>${esc(e.id)}</td><td>${e.kind}</td><td>${e.source}</td><td>${e.status}</td><td>${esc(what)}</td><td>${esc(e.version ?? '')}</td><td>${esc(e.reason ?? '')}</td></tr>`;
  });
  return `<table><tr><th>engine</th><th>kind</th><th>source</th><th>status</th><th>engine() reports</th><th>version</th><th>reason</th></tr>${rows.join('')}</table>`;
}

function notesTable(r: Results): string {
  const rows = r.results.filter((x) => x.status !== 'ok');
  if (rows.length === 0) return '<p>Nothing was skipped.</p>';
  return `<details><summary>${rows.length} measurements skipped or failed</summary><table><tr><th>op</th><th>engine</th><th>dtype</th><th>size</th><th>status</th><th>note</th></tr>${rows
    .map((x) => `<tr><td>${esc(x.op)}</td><td>${esc(x.engine)}</td><td>${x.dtype}</td><td>${x.size}</td><td>${x.status}</td><td>${esc(x.note ?? '')}</td></tr>`)
    .join('')}</table></details>`;
}

/** The page's own script: builds every chart from DATA. Plain browser JavaScript. */
const CLIENT = String.raw`
(function () {
  const R = DATA;
  const PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#17becf', '#bcbd22', '#7f7f7f'];
  const engines = R.engines.filter(e => e.status === 'ok');
  const color = {}; engines.forEach((e, i) => { color[e.id] = PALETTE[i % PALETTE.length]; });
  const kind = {}; R.engines.forEach(e => { kind[e.id] = e.kind; });
  const ok = R.results.filter(r => r.status === 'ok' && r.stats && r.stats.compute);
  const med = s => (s ? s.median : null);
  const fmtSize = v => { const n = Number(v); const l = Math.log10(n); if (n >= 1e4 && Math.abs(l - Math.round(l)) < 1e-9) return '1e' + Math.round(l); if (n >= 1e4 && n % 1000 === 0) return (n / 1e3) + 'k'; return String(n); };
  const charts = [];
  window.__chartErrors = [];
  Chart.defaults.animation = false;
  Chart.defaults.font.size = 12;

  // Vertical lines at the crossover sizes.
  const crossoverPlugin = {
    id: 'crossover',
    afterDatasetsDraw(chart, _args, opts) {
      const lines = (opts && opts.lines) || [];
      const { ctx, chartArea, scales } = chart;
      for (const l of lines) {
        const x = scales.x.getPixelForValue(l.x);
        if (!(x >= chartArea.left && x <= chartArea.right)) continue;
        ctx.save();
        ctx.strokeStyle = l.color; ctx.setLineDash([4, 4]); ctx.lineWidth = 1.5;
        ctx.beginPath(); ctx.moveTo(x, chartArea.top); ctx.lineTo(x, chartArea.bottom); ctx.stroke();
        ctx.setLineDash([]); ctx.fillStyle = l.color; ctx.font = '11px sans-serif';
        ctx.fillText(l.label, Math.min(x + 4, chartArea.right - ctx.measureText(l.label).width), chartArea.top + 12 + 12 * (l.row || 0));
        ctx.restore();
      }
    },
  };
  Chart.register(crossoverPlugin);

  function card(container, title, note) {
    const div = document.createElement('div');
    div.className = 'card';
    const h = document.createElement('h3'); h.textContent = title; div.appendChild(h);
    if (note) { const p = document.createElement('p'); p.className = 'note'; p.textContent = note; div.appendChild(p); }
    const wrap = document.createElement('div'); wrap.className = 'chart';
    const canvas = document.createElement('canvas'); wrap.appendChild(canvas); div.appendChild(wrap);
    container.appendChild(div);
    return canvas;
  }
  function make(canvas, config) {
    try { charts.push(new Chart(canvas, config)); } catch (e) { window.__chartErrors.push(String(e)); }
  }
  // Log axes: labels at powers of ten only; the size axis is labelled at the measured sizes.
  const num = v => (v >= 1e4 || v < 1e-3 ? Number(v).toExponential(0) : String(Number(v.toPrecision(3))));
  const logAxis = (title) => ({ type: 'logarithmic', title: { display: true, text: title },
    ticks: { autoSkip: false, callback: v => { const l = Math.log10(v); return Math.abs(l - Math.round(l)) < 1e-9 ? num(v) : ''; } } });
  const sizeAxis = (title, sizes) => ({ type: 'logarithmic', title: { display: true, text: title },
    afterBuildTicks: axis => { axis.ticks = sizes.map(v => ({ value: v })); }, ticks: { autoSkip: true, maxRotation: 0, callback: v => fmtSize(v) } });
  const kindsNote = ids => (ids.some(id => kind[id] === 'gpu') ? '' : ' · CPU engines only');

  const groups = [];
  for (const r of ok) { const k = r.case + ' ' + r.op + ' ' + r.dtype; if (!groups.includes(k)) groups.push(k); }

  const timeEl = document.getElementById('time-charts');
  const speedEl = document.getElementById('speedup-charts');
  const breakEl = document.getElementById('breakdown-charts');
  for (const g of groups) {
    const [cs, op, dtype] = g.split(' ');
    if (op === 'add-1') continue;
    const rows = ok.filter(r => r.case === cs && r.op === op && r.dtype === dtype);
    const sizes = [...new Set(rows.map(r => r.size))].sort((a, b) => a - b);
    const title = (cs === 'float16' ? 'float16 case: ' : '') + op + ' — ' + dtype;
    const ids = [...new Set(rows.map(r => r.engine))];
    const datasets = [];
    for (const id of ids) {
      const mine = rows.filter(r => r.engine === id).sort((a, b) => a.size - b.size);
      datasets.push({ label: id + (kind[id] === 'gpu' ? ' (compute)' : ''), data: mine.map(r => ({ x: r.size, y: med(r.stats.compute) })), borderColor: color[id], backgroundColor: color[id], pointRadius: 3, borderWidth: 2 });
      if (kind[id] === 'gpu' && mine.some(r => r.stats.total)) {
        datasets.push({ label: id + ' (with transfers)', data: mine.filter(r => r.stats.total).map(r => ({ x: r.size, y: med(r.stats.total) })), borderColor: color[id], backgroundColor: color[id], borderDash: [6, 3], pointRadius: 2, borderWidth: 1.5 });
      }
    }
    const lines = [];
    (R.crossover || []).filter(c => c.case === cs && c.op === op && c.dtype === dtype).forEach((c, i) => {
      if (c.withoutTransfers !== null) lines.push({ x: c.withoutTransfers, color: color[c.gpuEngine] || '#000', label: c.gpuEngine + ' faster from ' + fmtSize(c.withoutTransfers), row: 2 * i });
      if (c.withTransfers !== null) lines.push({ x: c.withTransfers, color: color[c.gpuEngine] || '#000', label: c.gpuEngine + ' incl. transfers from ' + fmtSize(c.withTransfers), row: 2 * i + 1 });
    });
    const sizeTitle = op === 'matmul' ? 'n (n×n matrices)' : 'elements';
    make(card(timeEl, title, rows[0].case + (lines.length ? '' : kindsNote(ids))), {
      type: 'line',
      data: { datasets },
      options: { parsing: false, scales: { x: sizeAxis(sizeTitle, sizes), y: logAxis('median time (ms)') }, plugins: { crossover: { lines }, legend: { position: 'bottom' } } },
    });

    const np = rows.filter(r => r.engine === 'numpy');
    if (np.length) {
      const npAt = new Map(np.map(r => [r.size, med(r.stats.compute)]));
      const sd = ids.filter(id => id !== 'numpy').map(id => ({
        label: id, borderColor: color[id], backgroundColor: color[id], pointRadius: 3, borderWidth: 2,
        data: rows.filter(r => r.engine === id && npAt.has(r.size)).sort((a, b) => a.size - b.size).map(r => ({ x: r.size, y: npAt.get(r.size) / med(r.stats.compute) })),
      })).filter(d => d.data.length);
      if (sd.length) {
        make(card(speedEl, title + ': speedup against NumPy', 'above 1: faster than NumPy (compute only)'), {
          type: 'line', data: { datasets: sd },
          options: { parsing: false, scales: { x: sizeAxis(sizeTitle, sizes), y: logAxis('NumPy time / engine time') }, plugins: { crossover: { lines: [] }, legend: { position: 'bottom' } } },
        });
      }
    }

    // The breakdown at the largest size that every engine with transfers measured.
    const withT = rows.filter(r => r.stats.upload || r.stats.download);
    if (withT.length) {
      const bySize = {};
      for (const r of withT) (bySize[r.size] = bySize[r.size] || []).push(r);
      const sizes = Object.keys(bySize).map(Number).sort((a, b) => a - b);
      const best = sizes.reduce((b, s) => (bySize[s].length > bySize[b].length || (bySize[s].length === bySize[b].length && s > b) ? s : b), sizes[0]);
      const at = bySize[best];
      const labels = at.map(r => r.engine);
      make(card(breakEl, title + ' at size ' + fmtSize(best) + ': where the time goes', 'upload = asarray from host arrays, download = data(); medians of separate runs'), {
        type: 'bar',
        data: { labels, datasets: [
          { label: 'upload', backgroundColor: '#9ecae1', data: at.map(r => med(r.stats.upload) || 0) },
          { label: 'compute', backgroundColor: '#3182bd', data: at.map(r => med(r.stats.compute) || 0) },
          { label: 'download', backgroundColor: '#fdae6b', data: at.map(r => med(r.stats.download) || 0) },
        ] },
        options: { indexAxis: 'y', scales: { x: { stacked: true, title: { display: true, text: 'ms' } }, y: { stacked: true } }, plugins: { crossover: { lines: [] }, legend: { position: 'bottom' } } },
      });
    }
  }

  // float16 against float32.
  const f16El = document.getElementById('float16-charts');
  const f16 = ok.filter(r => r.case === 'float16');
  for (const op of [...new Set(f16.map(r => r.op))]) {
    const rows = f16.filter(r => r.op === op);
    const ids = [...new Set(rows.filter(r => r.dtype === 'float16').map(r => r.engine))];
    const sizes = [...new Set(rows.map(r => r.size))].sort((a, b) => a - b);
    const datasets = [];
    for (const id of ids) for (const dt of ['float32', 'float16']) {
      datasets.push({ label: id + ' ' + dt, backgroundColor: color[id] + (dt === 'float16' ? '' : '88'), data: sizes.map(s => { const r = rows.find(x => x.engine === id && x.dtype === dt && x.size === s); return r ? med(r.stats.compute) : null; }) });
    }
    if (datasets.length) {
      make(card(f16El, op + ': float16 against float32', 'compute median (ms); errors and memory in the table below'), {
        type: 'bar', data: { labels: sizes.map(fmtSize), datasets },
        options: { scales: { y: { type: 'logarithmic', title: { display: true, text: 'ms' } } }, plugins: { crossover: { lines: [] }, legend: { position: 'bottom' } } },
      });
    }
  }
  if (!f16El.children.length) f16El.innerHTML = '<p class="note">No engine in this run declares float16 (or the float16 case was not selected).</p>';

  // Per-op overhead.
  const ovEl = document.getElementById('overhead-charts');
  const ov = ok.filter(r => r.op === 'add-1');
  if (ov.length) {
    make(card(ovEl, 'Per-op overhead: a 1-element add', 'compute median in microseconds, until the result is ready (read back, or the adapter\'s ready())'), {
      type: 'bar', data: { labels: ov.map(r => r.engine + ' ' + r.dtype), datasets: [{ label: 'µs', backgroundColor: ov.map(r => color[r.engine] || '#888'), data: ov.map(r => 1000 * med(r.stats.compute)) }] },
      options: { indexAxis: 'y', scales: { x: { type: 'logarithmic', title: { display: true, text: 'µs' } } }, plugins: { crossover: { lines: [] }, legend: { display: false } } },
    });
  }
  window.__charts = charts.length;
  window.__chartsDone = true;
})();
`;

function float16Table(r: Results): string {
  const rows = r.results.filter((x) => x.case === 'float16' && x.status === 'ok');
  if (rows.length === 0) return '';
  const fmt = (v: number | undefined, d = 3) => (v === undefined ? '' : v.toPrecision(d));
  return `<table><tr><th>op</th><th>engine</th><th>dtype</th><th>size</th><th>compute median (ms)</th><th>max abs error vs float64</th><th>max rel error</th><th>engine memory (bytes)</th></tr>${rows
    .map(
      (x) =>
        `<tr><td>${esc(x.op)}</td><td>${esc(x.engine)}</td><td>${x.dtype}</td><td>${x.size}</td><td>${fmt(x.stats?.compute?.median)}</td><td>${fmt(x.accuracy?.maxAbsError)}</td><td>${fmt(x.accuracy?.maxRelError)}</td><td>${x.memoryBytes ?? ''}</td></tr>`,
    )
    .join('')}</table>`;
}

function crossoverHtml(r: Results, summary: string[]): string {
  return `<pre>${esc(summary.join('\n'))}</pre>`;
}

export function renderReport(r: Results, summaryLines: string[]): string {
  const title = `@arr benchmarks — ${r.startedAt}`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font-family:system-ui,-apple-system,Segoe UI,sans-serif;margin:0 auto;max-width:1400px;padding:1rem 2rem;color:#222}
h1{font-size:1.5rem}h2{margin-top:2rem;border-bottom:1px solid #ddd}h3{font-size:1rem;margin:.2rem 0}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(520px,1fr));gap:1rem}
.card{border:1px solid #e3e3e3;border-radius:6px;padding:.6rem;background:#fff}
.chart{position:relative;height:320px}
.note{color:#666;font-size:.85rem;margin:.2rem 0}
table{border-collapse:collapse;font-size:.85rem;margin:.5rem 0}td,th{border:1px solid #ddd;padding:.2rem .5rem;text-align:left}
tr.skipped td,tr.failed td{color:#a33}.kv th{background:#f6f6f6}
pre{white-space:pre-wrap}
.warn{background:#fff3cd;padding:.5rem;border:1px solid #e0c060}
</style></head><body>
<h1>${esc(title)}</h1>
${r.complete ? '' : '<p class="warn">This run was interrupted: the page shows what was measured before it stopped.</p>'}
<p>Times are medians over tinybench samples after warm-up; every timed run waits for its result. <b>compute</b>: inputs already on the engine; <b>with transfers</b>: upload from host arrays, compute, download.</p>
<h2>Crossover</h2>${crossoverHtml(r, summaryLines)}
<h2>Time against size</h2><div id="time-charts" class="grid"></div>
<h2>Speedup against NumPy</h2><div id="speedup-charts" class="grid"></div>
${r.results.some((x) => x.engine === 'numpy') ? '' : '<p class="note">No NumPy results in this run: run with --reference (needs python3 with NumPy).</p>'}
<h2>Transfers and compute</h2><div id="breakdown-charts" class="grid"></div>
<h2>float16 against float32</h2><div id="float16-charts" class="grid"></div>${float16Table(r)}
<h2>Per-op overhead</h2><div id="overhead-charts" class="grid"></div>
<h2>Engines</h2>${enginesTable(r)}
<h2>Skipped</h2>${notesTable(r)}
${r.notes.length ? `<h2>Notes</h2><ul>${r.notes.map((n) => `<li>${esc(n)}</li>`).join('')}</ul>` : ''}
<h2>Environment</h2>${envTable(r)}
<script>${chartJsSource().replace(/<\/script/gi, '<\\/script')}</script>
<script>const DATA = ${scriptJson(r)};</script>
<script>${CLIENT}</script>
</body></html>
`;
}
