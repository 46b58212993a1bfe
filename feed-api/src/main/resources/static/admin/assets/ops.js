'use strict';

// The operations page. It calls the admin API with the operator's token, which lives in sessionStorage only:
// never in a URL, a cookie or localStorage. Whatever the API returns goes into the page as text (textContent and
// attribute values), never as HTML, so a dead letter's cause or a viewer id cannot become markup.

const TOKEN_KEY = 'feed.admin.token';
const FAST_MS = 1000;          // while a replay or rebuild runs
const SLOW_MS = 5000;          // otherwise
const LAG_WINDOW_MS = 5 * 60 * 1000;
const REQUEST_TIMEOUT_MS = 10000;
const RUNNING_REBUILD = new Set(['BUILDING', 'COMPARING', 'READY']);
const SVG = 'http://www.w3.org/2000/svg';

const page = {
    lagHistory: new Map(),     // projection name -> [{t, events}] over the last LAG_WINDOW_MS
    lastSuccess: null,
    interval: SLOW_MS,
    timer: null,
    refused: false,
};

class ApiError extends Error {
    constructor(status, problem) {
        super((problem && (problem.detail || problem.title)) || ('HTTP ' + status));
        this.status = status;
    }
}

async function call(method, path, body) {
    const headers = {Accept: 'application/json, application/problem+json'};
    const token = sessionStorage.getItem(TOKEN_KEY);
    if (token) {
        headers.Authorization = 'Bearer ' + token;
    }
    const init = {method, headers, cache: 'no-store', credentials: 'omit', signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS)};
    if (body !== undefined) {
        headers['Content-Type'] = 'application/json';
        init.body = JSON.stringify(body);
    }
    const response = await fetch(path, init);
    const text = await response.text();
    let json = null;
    try {
        json = text ? JSON.parse(text) : null;
    } catch (e) {
        json = null;
    }
    if (!response.ok) {
        throw new ApiError(response.status, json);
    }
    return json;
}

/** GET that answers null for 404: no rebuild yet, or a service without /admin/instances. */
async function getIfFound(path) {
    try {
        return await call('GET', path);
    } catch (e) {
        if (e.status === 404) {
            return null;
        }
        throw e;
    }
}

/**
 * The home feed's window figures from the metrics endpoint (Prometheus text): rows kept, active viewers, fan-out rows
 * written and skipped, and reads by what served them. Null if the endpoint is not there.
 */
async function windowFigures() {
    const response = await fetch('/actuator/prometheus', {
        headers: {Authorization: 'Bearer ' + sessionStorage.getItem(TOKEN_KEY)}, cache: 'no-store', credentials: 'omit',
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS)});
    if (!response.ok) {
        return null;
    }
    const figures = {reads: {}};
    for (const line of (await response.text()).split('\n')) {
        const match = /^(feed_home_feed_[a-z_]+)(\{[^}]*\})?\s+([0-9.eE+-]+)$/.exec(line);
        if (!match) {
            continue;
        }
        const value = Number(match[3]);
        const servedFrom = /served_from="([a-z]+)"/.exec(match[2] || '');
        if (match[1] === 'feed_home_feed_reads_total' && servedFrom) {
            figures.reads[servedFrom[1]] = value;
        } else {
            figures[match[1]] = value;
        }
    }
    return figures;
}

function renderWindows(figures) {
    const target = document.getElementById('window-figures');
    if (!figures || figures.feed_home_feed_rows === undefined) {
        target.replaceChildren('No figures: the metrics endpoint did not answer.');
        return;
    }
    const n = value => Math.round(value || 0).toLocaleString('en');
    target.className = '';
    target.replaceChildren(
        `${n(figures.feed_home_feed_rows)} rows kept for ${n(figures.feed_home_feed_active_viewers)} active viewers. `
        + `Fan-out on this instance: ${n(figures.feed_home_feed_fanout_rows_total)} rows written, `
        + `${n(figures.feed_home_feed_fanout_skipped_total)} not written for viewers without a window. `
        + `Pages read here, by what served them: projection ${n(figures.reads.projection)}, `
        + `both ${n(figures.reads.both)}, source truth ${n(figures.reads.source)}.`);
}

function projectionPath(name, rest) {
    return '/admin/projections/' + encodeURIComponent(name) + (rest || '');
}

function el(tag, attributes, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attributes || {})) {
        if (value === null || value === undefined || value === false) {
            continue;
        }
        if (key === 'onclick') {
            node.addEventListener('click', value);
        } else {
            node.setAttribute(key, value === true ? '' : String(value));
        }
    }
    for (const child of children.flat()) {
        if (child !== null && child !== undefined) {
            node.append(child instanceof Node ? child : String(child));
        }
    }
    return node;
}

function time(instant) {
    return instant ? new Date(instant).toLocaleTimeString() : '–';
}

function duration(millis) {
    if (millis === null || millis === undefined) {
        return '–';
    }
    if (millis < 1000) {
        return millis + ' ms';
    }
    const seconds = Math.round(millis / 1000);
    if (seconds < 60) {
        return (millis / 1000).toFixed(1) + ' s';
    }
    const minutes = Math.floor(seconds / 60);
    return minutes < 60 ? minutes + ' min ' + (seconds % 60) + ' s' : Math.floor(minutes / 60) + ' h ' + (minutes % 60) + ' min';
}

function percent(fraction) {
    return Math.floor((fraction || 0) * 100) + ' %';
}

function number(n) {
    return n === null || n === undefined ? '–' : Number(n).toLocaleString('en');
}

function badge(state) {
    return el('span', {class: 'badge state-' + String(state).toLowerCase()}, state);
}

function progressBar(of, fraction, label) {
    return el('div', {class: 'progress-line'},
        el('progress', {max: 1, value: Math.min(1, fraction || 0), 'data-progress-of': of, 'aria-label': label}),
        el('span', {class: 'progress-figure'}, percent(fraction)));
}

function showStatus(text, freshness) {
    const status = document.getElementById('status');
    status.textContent = text;
    document.body.dataset.freshness = freshness;
}

function showResult(text, kind) {
    const result = document.getElementById('action-result');
    result.textContent = text;
    result.className = kind;
    result.hidden = false;
}

// --- the lag sparkline --------------------------------------------------------------------------------------------

function recordLag(projections, now) {
    for (const p of projections) {
        const samples = page.lagHistory.get(p.name) || [];
        samples.push({t: now, events: p.lagEvents});
        while (samples.length && samples[0].t < now - LAG_WINDOW_MS) {
            samples.shift();
        }
        page.lagHistory.set(p.name, samples);
    }
}

function sparkline(name, now) {
    const samples = page.lagHistory.get(name) || [];
    const width = 120;
    const height = 24;
    const max = Math.max(1, ...samples.map(s => s.events));
    const x = s => ((s.t - (now - LAG_WINDOW_MS)) / LAG_WINDOW_MS * width).toFixed(1);
    const y = s => (height - 2 - s.events / max * (height - 4)).toFixed(1);
    const svg = svgElement('svg', {viewBox: `0 0 ${width} ${height}`, width, height, class: 'sparkline', role: 'img',
        'aria-label': `lag of ${name} over the last 5 minutes, at most ${max} events`});
    svg.append(svgElement('polyline', {points: samples.map(s => `${x(s)},${y(s)}`).join(' ')}));
    if (samples.length) {
        const latest = samples[samples.length - 1];
        svg.append(svgElement('circle', {cx: x(latest), cy: y(latest), r: 2}));
    }
    const title = svgElement('title', {});
    title.textContent = `highest lag shown: ${max} events`;
    svg.append(title);
    return svg;
}

function svgElement(tag, attributes) {
    const node = document.createElementNS(SVG, tag);
    for (const [key, value] of Object.entries(attributes)) {
        node.setAttribute(key, String(value));
    }
    return node;
}

// --- actions ------------------------------------------------------------------------------------------------------

async function act(question, method, path, body, describe) {
    if (!window.confirm(question)) {
        return;
    }
    try {
        showResult(describe(await call(method, path, body)), 'ok');
    } catch (e) {
        showResult(`${method} ${path} was refused (${e.status || 'no answer'}): ${e.message}`, 'error');
    }
    refresh();
}

function button(action, label, onclick) {
    return el('button', {type: 'button', 'data-action': action, onclick}, label);
}

function projectionActions(p) {
    return [
        button('replay', 'Replay in place', () => act(
            `Replay ${p.name} in place? Its tables are emptied and refilled; feeds are incomplete until it catches up.`,
            'POST', projectionPath(p.name, '/replay'), undefined, r => `Replay of ${r.name} started.`)),
        button('rebuild', 'Rebuild', () => act(
            `Rebuild ${p.name} into a new generation and switch when the comparison is clean?`,
            'POST', projectionPath(p.name, '/rebuild'), {cutover: 'auto'}, r => `Rebuild of ${r.projection} into generation ${r.generation} started.`)),
        button('rebuild-manual', 'Rebuild, manual cutover', () => act(
            `Rebuild ${p.name} into a new generation and wait for a manual cutover?`,
            'POST', projectionPath(p.name, '/rebuild'), {cutover: 'manual'}, r => `Rebuild of ${r.projection} into generation ${r.generation} started.`)),
    ];
}

function rebuildActions(r) {
    const actions = [];
    if (r.state === 'READY') {
        actions.push(button('cutover', `Cut over to generation ${r.generation}`, () => act(
            `Serve ${r.projection} from generation ${r.generation}?`
            + (r.comparison && r.comparison.viewersDiffering > 0 ? ` The comparison found ${r.comparison.viewersDiffering} differing viewers.` : ''),
            'POST', projectionPath(r.projection, '/rebuild/cutover'), undefined, s => `${s.projection} now serves generation ${s.generation}.`)));
    }
    if (RUNNING_REBUILD.has(r.state)) {
        actions.push(button('abandon', 'Abandon', () => act(
            `Abandon the rebuild of ${r.projection}? Generation ${r.generation} is dropped; serving is untouched.`,
            'DELETE', projectionPath(r.projection, '/rebuild'), undefined, () => `Rebuild of ${r.projection} abandoned.`)));
    }
    if (r.state === 'SWITCHED') {
        actions.push(button('rollback', `Roll back to generation ${r.servingGeneration}`, () => act(
            `Serve ${r.projection} from the retained generation again?`,
            'POST', projectionPath(r.projection, '/rollback'), undefined, p => `${p.name} serves generation ${p.generation} again.`)));
    }
    return actions;
}

// --- rendering ----------------------------------------------------------------------------------------------------

function renderProjections(projections, now) {
    const rows = projections.map(p => el('tr', {'data-projection': p.name},
        el('th', {scope: 'row'}, p.name),
        el('td', {class: 'state'}, badge(p.state), p.error ? el('div', {class: 'error'}, p.error) : null),
        el('td', {class: 'generation'}, p.generation, p.rebuild ? el('span', {class: 'quiet'}, ` (rebuild: ${p.rebuild.state})`) : null),
        el('td', {class: 'position'}, `${number(p.position)} / ${number(p.headPosition)}`),
        el('td', {class: 'lag'}, `${number(p.lagEvents)} events, ${duration(p.lagMillis)}`),
        el('td', {}, sparkline(p.name, now)),
        el('td', {class: 'dead-letters'}, number(p.deadLetters)),
        el('td', {class: 'actions'}, projectionActions(p))));
    document.getElementById('projection-rows').replaceChildren(...rows);
}

function replayCard(p) {
    const left = p.replaySecondsLeft === null || p.replaySecondsLeft === undefined ? '–' : duration(p.replaySecondsLeft * 1000);
    return el('article', {class: 'card', 'data-replay': p.name},
        el('h3', {}, `Replay of ${p.name}, in place `, badge(p.state)),
        progressBar('replay:' + p.name, p.replayProgress, `replay progress of ${p.name}`),
        el('p', {class: 'figures'}, `${number(p.replayEventsPerSecond)} events/s · ${left} left`));
}

function comparisonView(c) {
    if (!c) {
        return el('p', {class: 'quiet'}, 'Not compared yet.');
    }
    const support = c.supportRowsDiffering ? ` ${number(c.supportRowsDiffering)} rows of the posts, followers and authors tables differ.` : '';
    const verdict = c.viewersDiffering === 0 && !c.supportRowsDiffering
        ? el('p', {class: 'verdict clean'}, `The generations agree at position ${number(c.position)}: ${number(c.viewers)} viewers compared row by row.`)
        : el('p', {class: 'verdict differing'}, `${number(c.viewersDiffering)} of ${number(c.viewers)} viewers differ at position ${number(c.position)}: `
            + `${number(c.rowsOnlyServing)} rows only in serving, ${number(c.rowsOnlyRebuilt)} only in the rebuild, ${number(c.rowsChanged)} changed.` + support);
    if (!c.sample || c.sample.length === 0) {
        return verdict;
    }
    return el('div', {class: 'comparison'}, verdict,
        el('table', {class: 'sample'},
            el('thead', {}, el('tr', {}, ['Viewer', 'Only serving', 'Only rebuilt', 'Changed'].map(h => el('th', {scope: 'col'}, h)))),
            el('tbody', {}, c.sample.map(v => el('tr', {'data-viewer': v.viewerId},
                el('td', {class: 'viewer'}, v.viewerId), el('td', {}, number(v.onlyServing)),
                el('td', {}, number(v.onlyRebuilt)), el('td', {}, number(v.changed)))))));
}

function rebuildCard(r) {
    const building = r.state === 'BUILDING';
    const left = r.secondsLeft === null || r.secondsLeft === undefined ? '–' : duration(r.secondsLeft * 1000);
    return el('article', {class: 'card', 'data-rebuild': r.projection, 'data-state': r.state},
        el('h3', {}, `Rebuild ${r.id} of ${r.projection}: generation ${r.generation} (serving ${r.servingGeneration}) `, badge(r.state)),
        progressBar('rebuild:' + r.projection, r.progress, `rebuild progress of ${r.projection}`),
        el('p', {class: 'figures'}, building ? `${number(r.eventsPerSecond)} events/s · ${left} left · ` : '',
            `cutover ${r.cutover} · started ${time(r.startedAt)} · caught up ${time(r.caughtUpAt)} · switched ${time(r.switchedAt)}`),
        r.error ? el('p', {class: 'error'}, r.error) : null,
        comparisonView(r.comparison),
        el('div', {class: 'actions'}, rebuildActions(r)));
}

function renderActivity(projections, rebuilds) {
    const cards = [];
    projections.forEach((p, i) => {
        if (p.state === 'REPLAYING') {
            cards.push(replayCard(p));
        }
        if (rebuilds[i]) {
            cards.push(rebuildCard(rebuilds[i]));
        }
    });
    document.getElementById('activity-list').replaceChildren(
        ...(cards.length ? cards : [el('p', {class: 'quiet'}, 'Nothing has been replayed or rebuilt.')]));
}

function renderInstances(instances) {
    const section = document.getElementById('instances');
    section.hidden = !instances;
    if (!instances) {
        return;
    }
    document.getElementById('instance-rows').replaceChildren(...instances.items.map(i => el('tr', {'data-instance': i.id},
        el('th', {scope: 'row'}, i.id, i.self ? el('span', {class: 'quiet'}, ' (this one)') : null),
        el('td', {}, i.nodeId), el('td', {}, time(i.startedAt)), el('td', {}, time(i.lastSeen)),
        el('td', {}, (i.segments || []).map(s => `${s.projection} #${s.segment}`).join(', ') || '–'))));
}

/** Shown only when the instance reads from replicas: without FEED_READ_REPLICA_URLS the list is empty. */
function renderReadReplicas(replicas) {
    const section = document.getElementById('read-replicas');
    section.hidden = !replicas || replicas.items.length === 0;
    if (section.hidden) {
        return;
    }
    document.getElementById('read-replica-rows').replaceChildren(...replicas.items.map(r => el('tr', {'data-replica': r.name},
        el('th', {scope: 'row'}, r.name),
        el('td', {class: 'state'}, badge(r.state), r.reason ? el('div', {class: 'error'}, r.reason) : null),
        el('td', {class: 'lag'}, r.lagMillis === null ? '–' : duration(r.lagMillis)),
        el('td', {class: 'reads'}, number(r.reads)))));
}

function deadLetterTable(p, letters) {
    return el('article', {class: 'card', 'data-dead-letters-of': p.name},
        el('h3', {}, `${p.name}: ${number(p.deadLetters)} dead letter${p.deadLetters === 1 ? '' : 's'}`,
            button('retry', 'Retry all', () => act(`Retry the dead letters of ${p.name} now?`, 'POST',
                projectionPath(p.name, '/dead-letters/retry'), undefined,
                r => `Retried ${r.attempted}: ${r.succeeded} succeeded, ${r.remaining} remain.`))),
        el('table', {},
            el('thead', {}, el('tr', {}, ['Event', 'Sequence', 'Global index', 'Enqueued', 'Attempts', 'Cause', '']
                .map(h => el('th', {scope: 'col'}, h)))),
            el('tbody', {}, letters.items.map(d => el('tr', {'data-dead-letter': d.id},
                el('td', {}, d.eventType), el('td', {}, d.sequenceId), el('td', {}, d.globalIndex),
                el('td', {}, time(d.enqueuedAt)), el('td', {}, d.attempts),
                el('td', {class: 'cause'}, d.cause),
                el('td', {}, button('evict', 'Evict', () => act(
                    `Evict dead letter ${d.id} (${d.eventType} at ${d.globalIndex}) of ${p.name}? The event is then never applied.`,
                    'DELETE', projectionPath(p.name, '/dead-letters/' + encodeURIComponent(d.id)), undefined,
                    () => `Dead letter ${d.id} evicted.`))))))),
        letters.nextCursor ? el('p', {class: 'quiet'}, `The first ${letters.items.length} are shown.`) : null);
}

function renderDeadLetters(projections, pages) {
    const cards = projections.map((p, i) => pages[i] && pages[i].items.length ? deadLetterTable(p, pages[i]) : null).filter(c => c);
    document.getElementById('dead-letter-list').replaceChildren(
        ...(cards.length ? cards : [el('p', {class: 'quiet'}, 'No dead letters.')]));
}

// --- the refresh loop ---------------------------------------------------------------------------------------------

async function refresh() {
    clearTimeout(page.timer);
    if (!sessionStorage.getItem(TOKEN_KEY)) {
        showStatus('Paste a token to begin.', 'idle');
        return;
    }
    try {
        const projections = (await call('GET', '/admin/projections')).items;
        const [rebuilds, deadLetters, instances, windows, replicas] = await Promise.all([
            Promise.all(projections.map(p => getIfFound(projectionPath(p.name, '/rebuild')))),
            Promise.all(projections.map(p => p.deadLetters > 0 ? call('GET', projectionPath(p.name, '/dead-letters?limit=20')) : null)),
            getIfFound('/admin/instances'),
            windowFigures().catch(() => null),
            getIfFound('/admin/read-replicas'),
        ]);
        const now = Date.now();
        recordLag(projections, now);
        renderProjections(projections, now);
        renderActivity(projections, rebuilds);
        renderInstances(instances);
        renderDeadLetters(projections, deadLetters);
        renderWindows(windows);
        renderReadReplicas(replicas);
        const active = projections.some(p => p.state === 'REPLAYING') || rebuilds.some(r => r && RUNNING_REBUILD.has(r.state));
        page.interval = active ? FAST_MS : SLOW_MS;
        page.lastSuccess = now;
        page.refused = false;
        showStatus(`Refreshed at ${time(now)}; every ${page.interval / 1000} s${active ? ' while a replay or rebuild runs' : ''}.`, 'fresh');
    } catch (e) {
        if (e.status === 401 || e.status === 403) {
            page.refused = true;
            showStatus(e.status === 401
                ? `The token was refused (401): ${e.message}. Paste a valid token.`
                : 'The token was refused (403): it lacks the feed:admin scope. Paste an admin token.', 'refused');
            return; // no polling with a refused token
        }
        const since = page.lastSuccess ? `The data from ${time(page.lastSuccess)} is stale` : 'No data yet';
        showStatus(`${since}: ${e.message}. Retrying.`, 'stale');
    }
    page.timer = setTimeout(refresh, page.interval);
}

/** A refresh that hangs (the request times out after 10 s) must not leave old figures looking current. */
function watchStaleness() {
    const age = Date.now() - (page.lastSuccess || Date.now());
    if (!page.refused && page.lastSuccess && age > 3 * page.interval && document.body.dataset.freshness === 'fresh') {
        showStatus(`The data from ${time(page.lastSuccess)} is stale: no answer for ${duration(age)}.`, 'stale');
    }
}

document.addEventListener('DOMContentLoaded', () => {
    document.getElementById('token-form').addEventListener('submit', event => {
        event.preventDefault();
        const input = document.getElementById('token');
        const token = input.value.trim().replace(/^Bearer\s+/i, '');
        input.value = '';
        if (token) {
            sessionStorage.setItem(TOKEN_KEY, token);
            document.getElementById('action-result').hidden = true;
            refresh();
        }
    });
    document.getElementById('forget-token').addEventListener('click', () => {
        sessionStorage.removeItem(TOKEN_KEY);
        clearTimeout(page.timer);
        page.lastSuccess = null;
        for (const id of ['projection-rows', 'activity-list', 'instance-rows', 'read-replica-rows', 'dead-letter-list', 'window-figures']) {
            document.getElementById(id).replaceChildren();
        }
        showStatus('Token forgotten. Paste a token to begin.', 'idle');
    });
    setInterval(watchStaleness, 1000);
    refresh();
});
