/**
 * The dashboard page's only script (inlined, allowed by its hash in the page's CSP). It opens a
 * WebSocket to the page's own origin (`/live`) and applies each message: the case list turning
 * green or red, the counts, the current exchange's timeline (a bar growing towards the deadline
 * while the answer is awaited, then the judged exchange's bar as `report.html` draws it), and at
 * the end the content of `report.html`. Plain browser JavaScript, kept as text: this project
 * compiles without the DOM's types. Text from messages goes in as text; only the HTML the
 * report's renderer made (every value escaped there) goes in as HTML.
 */
export const DASHBOARD_SCRIPT = `
(() => {
  'use strict';
  const $ = (id) => document.getElementById(id);
  const body = document.body;
  const rows = new Map();
  let timer = null;

  const setState = (state, text) => {
    body.dataset.runState = state;
    $('run-state').textContent = text;
  };
  const badge = (verdict) => {
    const span = document.createElement('span');
    span.className = 'badge ' + verdict;
    span.textContent = verdict.toUpperCase();
    return span;
  };
  const setCounts = (counts) => {
    for (const key of ['total', 'finished', 'pass', 'fail', 'error', 'skip']) {
      const el = document.querySelector('[data-live-count="' + key + '"]');
      if (el) el.textContent = String(counts[key]);
    }
  };
  const fromHtml = (html) => {
    const template = document.createElement('template');
    template.innerHTML = html;
    return template.content;
  };
  const formatMs = (ms) => (ms < 1000 ? Math.round(ms) + ' ms' : (ms / 1000).toFixed(2) + ' s');

  const showRun = (m) => {
    const table = $('case-rows');
    table.replaceChildren();
    rows.clear();
    for (const c of m.cases) {
      const tr = document.createElement('tr');
      tr.dataset.caseId = c.id;
      tr.dataset.state = 'pending';
      const state = document.createElement('td');
      state.append(badge('pending'));
      const id = document.createElement('td');
      const code = document.createElement('code');
      code.textContent = c.id;
      id.append(code);
      const title = document.createElement('td');
      title.textContent = c.title;
      tr.append(state, id, title);
      table.append(tr);
      rows.set(c.id, tr);
    }
    setCounts({ total: m.total, finished: 0, pass: 0, fail: 0, error: 0, skip: 0 });
    setState('running', 'Running');
  };
  const markRow = (id, state) => {
    const tr = rows.get(id);
    if (!tr) return;
    tr.dataset.state = state;
    tr.firstChild.replaceChildren(badge(state));
  };

  const showStep = (m) => {
    const current = $('current');
    if (timer !== null) clearInterval(timer);
    timer = null;
    const head = document.createElement('p');
    const code = document.createElement('code');
    code.textContent = m.caseId;
    head.append(code, ' step ' + m.step + ': ' + m.requestType);
    const track = document.createElement('div');
    track.className = 'live-track';
    const bar = document.createElement('div');
    bar.className = 'live-bar ' + m.phase;
    track.append(bar);
    const caption = document.createElement('p');
    caption.className = 'muted';
    current.replaceChildren(head, track, caption);
    const draw = (elapsed) => {
      bar.style.width = Math.min(100, (elapsed / m.deadlineMs) * 100).toFixed(1) + '%';
      caption.textContent =
        (m.phase === 'sent' ? 'awaiting the answer: ' : m.phase === 'answered' ? 'answered (' + m.replyType + ') after ' : 'no answer after ') +
        formatMs(elapsed) + ' of the ' + formatMs(m.deadlineMs) + ' deadline';
    };
    draw(m.elapsedMs);
    if (m.phase === 'sent' && !replaying) {
      const started = performance.now() - m.elapsedMs;
      timer = setInterval(() => draw(performance.now() - started), 100);
    }
  };

  const showFinished = (m) => {
    markRow(m.id, m.verdict);
    setCounts(m.counts);
    if (m.timeline !== '') {
      if (timer !== null) clearInterval(timer);
      timer = null;
      const head = document.createElement('p');
      const code = document.createElement('code');
      code.textContent = m.id;
      head.append(code, ' judged: ', badge(m.verdict));
      $('current').replaceChildren(head, fromHtml(m.timeline));
    }
    $('finished').prepend(fromHtml(m.html));
  };

  const showEnd = (m) => {
    if (timer !== null) clearInterval(timer);
    timer = null;
    document.title = fromHtml(m.title).textContent;
    $('page-header').replaceChildren(fromHtml(m.header));
    $('page-main').replaceChildren(fromHtml(m.main));
    body.dataset.runState = 'finished';
  };

  let replaying = false;
  const apply = (m) => {
    if (m.type === 'run') showRun(m);
    else if (m.type === 'case-started') markRow(m.id, 'running');
    else if (m.type === 'step') showStep(m);
    else if (m.type === 'case-finished') showFinished(m);
    else if (m.type === 'run-finished') showEnd(m);
  };

  const socket = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/live');
  const showDropped = (dropped) => {
    const note = $('dropped-events');
    if (!note || !(dropped > 0)) return;
    note.textContent = dropped + ' earlier step event' + (dropped === 1 ? ' was' : 's were') +
      ' dropped before this page connected (only the latest are kept); every judged case is shown.';
    note.hidden = false;
  };
  socket.addEventListener('message', (event) => {
    const batch = JSON.parse(event.data);
    replaying = batch.replay === true;
    if (replaying) showDropped(batch.dropped);
    for (const m of batch.messages) apply(m);
    replaying = false;
  });
  socket.addEventListener('close', () => {
    if (body.dataset.runState !== 'finished') setState('disconnected', 'The run is no longer reachable');
  });
  setState('connecting', 'Connecting…');
})();
`;
