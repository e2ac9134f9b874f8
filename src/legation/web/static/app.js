// Legation dashboard: reads the /api/ routes and draws with plain SVG, one function per page.
"use strict";

const SVGNS = "http://www.w3.org/2000/svg";
const params = new URLSearchParams(location.search);

function el(tag, attrs = {}, text) {
  const node = tag.startsWith("svg:") ? document.createElementNS(SVGNS, tag.slice(4))
    : document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

function status(text, cls = "status") {
  const box = document.getElementById("status");
  box.className = cls;
  box.textContent = text;
}

async function api(path, query = {}) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v) q.set(k, v);
  const r = await fetch(`/api/${path}?${q}`);
  if (!r.ok) {  // FastAPI's 422 detail is a list of {loc, msg}: say which field and why
    const detail = (await r.json().catch(() => ({}))).detail ?? "";
    const why = Array.isArray(detail)
      ? detail.map((d) => `${d.loc?.at(-1) ?? "?"}: ${d.msg}`).join("; ") : detail;
    throw new Error(`${path}: ${r.status} ${why}`);
  }
  return r.json();
}

function articleHref(e) {
  return `/articles/${encodeURIComponent(e.article_id)}#e-${e.event_id}`;
}

function eventsHref(query) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v) q.set(k, v);
  return `/?${q}`;
}

function actor(a) { return a ? a.code ?? a.text ?? "?" : "-"; }

// CAMEO labels beside codes: loaded once from /api/codes before a page draws its tables.
let LABELS = new Map();
async function loadLabels() {
  LABELS = new Map((await api("codes")).items.map((c) => [c.code, c.label]));
}

function codeCell(code) {
  const td = el("td", { class: "code" });
  td.append(el("strong", {}, code), ` ${LABELS.get(code) ?? ""}`);
  return td;
}

function eventTable(events) {
  const table = el("table", { class: "events" });
  const head = table.appendChild(el("tr"));
  for (const h of ["date", "source", "code", "target", "place", "confidence", "article"]) {
    head.appendChild(el("th", {}, h));
  }
  for (const e of events) {
    const row = table.appendChild(el("tr", { class: "event-row", "data-event-id": e.event_id }));
    row.append(el("td", {}, e.event_date ?? "-"), el("td", {}, actor(e.source)),
      codeCell(e.cameo), el("td", {}, actor(e.target)),
      el("td", {}, e.place ? e.place.name : "-"), el("td", {}, e.confidence?.toFixed(2) ?? "-"));
    const link = row.appendChild(el("td")).appendChild(el("a", { href: articleHref(e) }));
    link.textContent = e.article_id;
  }
  return table;
}

function fillForm() {
  const form = document.getElementById("filters");
  for (const input of form.querySelectorAll("input")) input.value = params.get(input.name) ?? "";
  form.addEventListener("submit", (ev) => {  // drop empty fields: the API rejects since=""
    ev.preventDefault();
    const q = {};
    for (const input of form.querySelectorAll("input")) q[input.name] = input.value.trim();
    location.href = eventsHref(q).replace("/", location.pathname);
  });
}

// QuadClass colours (as in `legation dyad --plot`): cooperation blue, conflict red.
const QUADS = [["quad1", "verbal cooperation"], ["quad2", "material cooperation"],
  ["quad3", "verbal conflict"], ["quad4", "material conflict"]];

function legend(extra = []) {
  const box = el("p", { class: "legend" });
  for (const [key, name] of QUADS) box.append(el("span", { class: `swatch ${key}` }), ` ${name} `);
  for (const [cls, name] of extra) box.append(el("span", { class: `swatch ${cls}` }), ` ${name} `);
  return box;
}

function niceTicks(max, n = 4) {
  const raw = max / n, mag = 10 ** Math.floor(Math.log10(raw || 1));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? mag;
  const ticks = [0];  // up to the first tick at or above max, so the tallest bar fits
  while (ticks.at(-1) < max) ticks.push(ticks.at(-1) + Math.max(1, step));
  return ticks;
}

// Stacked QuadClass bars per period on a continuous axis (every period drawn, quiet ones
// empty), a left y-axis of counts, the summed Goldstein as a line on a right axis.
function timeChart(rows, { height = 240, unit = "events", href = () => null } = {}) {
  const left = 46, right = 52, top = 12, bottom = 36;
  const step = Math.max(4, Math.min(36, 960 / Math.max(1, rows.length)));
  const width = left + right + rows.length * step;
  const plot = height - top - bottom;
  const max = Math.max(...niceTicks(Math.max(1, ...rows.map((r) => r.events))));
  const gmax = Math.max(1, ...rows.map((r) => Math.abs(r.goldstein ?? 0)));
  const y = (v) => top + plot - (v / max) * plot;
  const gy = (g) => top + plot / 2 - (g / gmax) * (plot / 2);
  const svg = el("svg:svg", { width, height, class: "timechart" });
  for (const t of niceTicks(max)) {
    svg.appendChild(el("svg:line", { x1: left - 4, x2: width - right, y1: y(t), y2: y(t),
      class: t ? "grid" : "axis" }));
    svg.appendChild(el("svg:text", { x: left - 7, y: y(t) + 4, class: "tick y" }, String(t)));
  }
  svg.appendChild(el("svg:text", { x: 12, y: top + plot / 2, class: "axis-title",
    transform: `rotate(-90 12 ${top + plot / 2})` }, unit));
  const every = Math.ceil(64 / step);
  rows.forEach((r, i) => {
    const x = left + i * step;
    let base = 0;
    const link = href(r);
    const group = svg.appendChild(link ? el("svg:a", { href: link }) : el("svg:g"));
    for (const [key, name] of QUADS) {
      if (!r[key]) continue;
      group.appendChild(el("svg:rect", { x: x + 1, width: Math.max(1, step - 2),
        y: y(base + r[key]), height: y(base) - y(base + r[key]), class: `bar ${key}`,
        "data-period": r.period })).appendChild(el("svg:title", {},
        `${r.period}: ${r[key]} ${name}`));
      base += r[key];
    }
    if (i % every === 0) {
      svg.appendChild(el("svg:line", { x1: x, x2: x, y1: top + plot, y2: top + plot + 4,
        class: "axis" }));
      svg.appendChild(el("svg:text", { x, y: height - bottom + 18, class: "tick x" }, r.period));
    }
  });
  const points = rows.map((r, i) => `${left + i * step + step / 2},${gy(r.goldstein ?? 0)}`);
  svg.appendChild(el("svg:polyline", { points: points.join(" "), class: "goldstein" }));
  for (const g of [-gmax, 0, gmax]) {
    svg.appendChild(el("svg:text", { x: width - right + 6, y: gy(g) + 4, class: "tick g" },
      (g > 0 ? "+" : "") + g.toFixed(g % 1 ? 1 : 0)));
  }
  svg.appendChild(el("svg:text", { x: width - 8, y: top + plot / 2, class: "axis-title",
    transform: `rotate(90 ${width - 8} ${top + plot / 2})` }, "Goldstein (sum)"));
  svg.appendChild(el("svg:line", { x1: left, x2: width - right, y1: top + plot, y2: top + plot,
    class: "axis" }));
  return svg;
}

async function timeline() {
  fillForm();
  await loadLabels();
  const filters = Object.fromEntries(["source", "target", "root", "since", "until"]
    .map((k) => [k, params.get(k)]));
  const [series, page] = await Promise.all([api("timeline", filters),
    api("events", { ...filters, limit: 1000 })]);
  const dated = series.items.reduce((n, r) => n + r.events, 0);
  status(`${page.total} events; ${dated} of them dated to a month are drawn, one bar a month `
    + `from ${series.items[0]?.period ?? "-"} to ${series.items.at(-1)?.period ?? "-"}`);
  const chart = document.getElementById("chart");
  chart.append(timeChart(series.items, { unit: "events per month",
    href: (r) => (r.events ? eventsHref({ ...filters, since: r.period, until: r.period }) : null) }),
  legend([["goldstein", "Goldstein (sum, right axis)"]]));
  document.getElementById("list").appendChild(eventTable(page.items));
}

async function dyad() {
  if (!params.get("a")) params.set("a", "USA");
  if (!params.get("b")) params.set("b", "RUS");
  fillForm();
  const a = params.get("a"), b = params.get("b");
  const res = await api("dyad", { a, b, fill: "true" });
  status(`${res.a}–${res.b}, ${res.count === "merged" ? "merged events" : "reports"} per month, `
    + `both directions; ${res.note}`);
  const chart = document.getElementById("chart");
  for (const [dir, src, tgt] of [["a→b", res.a, res.b], ["b→a", res.b, res.a]]) {
    const rows = res.items.filter((r) => r.direction === dir);
    chart.append(el("h2", {}, `${src} → ${tgt}`), timeChart(rows, {
      unit: "events per month",
      href: (r) => (r.events ? eventsHref({ source: src, target: tgt, since: r.period,
        until: r.period }) : null) }));
  }
  chart.append(legend([["goldstein", "Goldstein (sum, right axis)"]]));
}

// Grey at 0, towards red at -10 (conflict) and green at +10 (cooperation).
function goldsteinColour(g) {
  const t = Math.max(-1, Math.min(1, (g ?? 0) / 10));
  const [r, gr, b] = t < 0 ? [200, 30, 30] : [30, 150, 50];
  const mix = (end) => Math.round(150 + (end - 150) * Math.abs(t));
  return `rgb(${mix(r)},${mix(gr)},${mix(b)})`;
}

// Actors without a country (rebels, "the government" unresolved) are sectors, not states:
// shown as they come, hidden, or gathered into one node.
function groupSectors(res, how) {
  const country = new Map(res.nodes.map((n) => [n.id, n.country]));
  if (how === "show") return res;
  const name = (id) => (country.get(id) ? id : how === "group" ? "no country" : null);
  const edges = new Map();
  for (const e of res.edges) {
    const [source, target] = [name(e.source), name(e.target)];
    if (!source || !target) continue;
    const key = `${source}|${target}`;
    const sum = edges.get(key) ?? { source, target, events: 0, weighted: 0 };
    sum.events += e.events;
    sum.weighted += (e.goldstein_mean ?? 0) * e.events;
    edges.set(key, sum);
  }
  const merged = [...edges.values()].map((e) => ({ ...e, goldstein_mean: e.weighted / e.events }));
  const counts = new Map();
  for (const e of merged) for (const id of new Set([e.source, e.target])) {
    counts.set(id, (counts.get(id) ?? 0) + e.events);
  }
  const nodes = [...counts].map(([id, events]) => ({ id, events, country: id !== "no country" }))
    .sort((x, y) => y.events - x.events || x.id.localeCompare(y.id));
  return { ...res, nodes, edges: merged };
}

async function network() {
  const all = await api("network");
  const chart = document.getElementById("chart");
  const pick = el("select", { id: "sectors" });
  for (const [value, text] of [["hide", "hide actors without a country"],
    ["group", "group actors without a country"], ["show", "show every actor"]]) {
    pick.appendChild(el("option", { value }, text));
  }
  pick.value = params.get("sectors") ?? "hide";
  chart.before(pick);
  const draw = () => {
    const res = groupSectors(all, pick.value);
    const size = 560, r = 220, c = size / 2;
    const pos = new Map(res.nodes.map((n, i) => {
      const angle = (2 * Math.PI * i) / res.nodes.length;
      return [n.id, [c + r * Math.cos(angle), c + r * Math.sin(angle)]];
    }));
    const maxEvents = Math.max(1, ...res.edges.map((e) => e.events));
    const svg = el("svg:svg", { width: size, height: size, class: "network" });
    for (const e of res.edges) {
      if (e.source === e.target) continue;
      const [x1, y1] = pos.get(e.source), [x2, y2] = pos.get(e.target);
      const link = e.source === "no country" || e.target === "no country" ? null
        : eventsHref({ source: e.source, target: e.target });
      const a = svg.appendChild(link ? el("svg:a", { href: link }) : el("svg:g"));
      a.appendChild(el("svg:line", { x1, y1, x2, y2, class: "edge",
        stroke: goldsteinColour(e.goldstein_mean), "stroke-width": 1 + (7 * e.events) / maxEvents }))
        .appendChild(el("svg:title", {}, `${e.source}→${e.target}: ${e.events} events, `
          + `mean Goldstein ${e.goldstein_mean?.toFixed(1)}`));
    }
    for (const n of res.nodes) {
      const [x, y] = pos.get(n.id);
      const a = svg.appendChild(n.country ? el("svg:a", { href: eventsHref({ source: n.id }) })
        : el("svg:g"));
      a.appendChild(el("svg:circle", { cx: x, cy: y, r: 4 + Math.sqrt(n.events),
        class: n.country ? "node" : "node sector", "data-id": n.id }));
      a.appendChild(el("svg:text", { x: x + 8, y: y - 8, class: "label" }, n.id));
    }
    const hidden = all.nodes.filter((n) => !n.country).length;
    status(`${res.nodes.length} actors, ${res.edges.length} directed pairs`
      + (pick.value === "hide" && hidden ? ` (${hidden} actors without a country hidden)` : "")
      + `; edge width = events, colour = mean Goldstein (red conflict, green cooperation); `
      + all.note);
    chart.replaceChildren(svg);
  };
  pick.addEventListener("change", draw);
  draw();
}

function loadScript(src) {
  return new Promise((resolve, reject) => {
    const s = document.head.appendChild(el("script", { src }));
    s.onload = resolve;
    s.onerror = () => reject(new Error(`${src} is missing`));
  });
}

// Equirectangular: a whole-world map of points needs no projection library.
const W = 960, H = 480;
const project = ([lon, lat]) => [((lon + 180) * W) / 360, ((90 - lat) * H) / 180];

function ringPath(ring) {
  // Unwrap longitudes so that a ring crossing the antimeridian stays one closed shape, and draw
  // it again a world to the left or right: the map's edge clips what falls outside.
  const lons = [];
  for (const [lon] of ring) {
    const prev = lons.at(-1);
    lons.push(prev === undefined ? lon : lon + 360 * Math.round((prev - lon) / 360));
  }
  const path = (shift) => ring.map(([, lat], i) => {
    const [x, y] = project([lons[i] + shift, lat]);
    return `${i ? "L" : "M"}${x.toFixed(1)},${y.toFixed(1)}`;
  }).join("") + "Z";
  const shifts = [0];
  if (Math.max(...lons) > 180) shifts.push(-360);
  if (Math.min(...lons) < -180) shifts.push(360);
  return shifts.map(path).join("");
}

async function outlines(svg) {
  try {
    await loadScript("/vendor/topojson-client/dist/topojson-client.min.js");
    const r = await fetch("/vendor/world-atlas/countries-110m.json");
    if (!r.ok) throw new Error("world-atlas/countries-110m.json is missing");
    const world = await r.json();
    for (const f of topojson.feature(world, world.objects.countries).features) {
      const polys = f.geometry?.type === "Polygon" ? [f.geometry.coordinates]
        : f.geometry?.coordinates ?? [];
      const d = polys.flat().map(ringPath).join("");
      svg.appendChild(el("svg:path", { d, class: "country" }))
        .appendChild(el("svg:title", {}, f.properties.name));
    }
  } catch (err) {
    status(`No country outlines (${err.message}): run npm ci --prefix src/legation/web`,
      "warning");
  }
}

// Zoom by the view box: buttons and the mouse wheel, centred where the pointer is.
function zoomable(svg) {
  let box = [0, 0, W, H];
  const set = () => {
    svg.setAttribute("viewBox", box.map((v) => v.toFixed(1)).join(" "));
    svg.dataset.zoom = (W / box[2]).toFixed(2);
    svg.style.setProperty("--zoom", W / box[2]);
  };
  const zoom = (factor, cx = box[0] + box[2] / 2, cy = box[1] + box[3] / 2) => {
    const w = Math.min(W, Math.max(W / 32, box[2] / factor)), h = (w * H) / W;
    box = [Math.min(W - w, Math.max(0, cx - ((cx - box[0]) * w) / box[2])),
      Math.min(H - h, Math.max(0, cy - ((cy - box[1]) * h) / box[3])), w, h];
    set();
  };
  svg.addEventListener("wheel", (ev) => {
    ev.preventDefault();
    const r = svg.getBoundingClientRect();
    zoom(ev.deltaY < 0 ? 1.5 : 1 / 1.5, box[0] + ((ev.clientX - r.left) / r.width) * box[2],
      box[1] + ((ev.clientY - r.top) / r.height) * box[3]);
  }, { passive: false });
  const bar = el("div", { class: "zoom" });
  for (const [text, id, act] of [["+", "zoom-in", () => zoom(2)], ["−", "zoom-out", () => zoom(0.5)],
    ["whole world", "zoom-reset", () => { box = [0, 0, W, H]; set(); }]]) {
    bar.appendChild(el("button", { type: "button", id }, text)).addEventListener("click", act);
  }
  set();
  return bar;
}

const LABELLED = 12;  // the places with most events are named on the map

async function map() {
  const svg = el("svg:svg", { viewBox: `0 0 ${W} ${H}`, width: W, height: H, class: "map" });
  const chart = document.getElementById("chart");
  chart.append(zoomable(svg), svg);
  await loadLabels();
  const [page] = await Promise.all([api("events", { limit: 1000 }), outlines(svg)]);
  const places = new Map();
  let placed = 0;
  for (const e of page.items) {
    if (!e.place || e.place.lat === null) continue;
    placed += 1;
    const key = `${e.place.lat},${e.place.lon}`;
    if (!places.has(key)) places.set(key, { place: e.place, events: [] });
    places.get(key).events.push(e);
  }
  const list = document.getElementById("list");
  // Biggest first, so that a small place next to a big one stays on top and clickable.
  const drawn = [...places.values()].sort((a, b) => b.events.length - a.events.length);
  for (const { place, events } of drawn) {
    const [cx, cy] = project([place.lon, place.lat]);
    const dot = svg.appendChild(el("svg:circle", { cx, cy, r: 3 + Math.sqrt(events.length) * 2,
      class: "point", "data-place": place.name }));
    dot.appendChild(el("svg:title", {}, `${place.name}: ${events.length} events`));
    dot.addEventListener("click", () => {
      list.replaceChildren(el("h2", {}, `${place.name} (${place.country ?? "?"})`),
        eventTable(events));
    });
  }
  const taken = [];  // label boxes at the whole-world scale: a label that would overlap is left
  for (const { place, events } of drawn.slice(0, LABELLED)) {  // to the point's tooltip
    const [x, y] = project([place.lon, place.lat]);
    const text = `${place.name} (${events.length})`;
    const box = [x + 6, y - 16, x + 6 + text.length * 6.2, y - 4];
    if (taken.some((t) => box[0] < t[2] && t[0] < box[2] && box[1] < t[3] && t[1] < box[3])) {
      continue;
    }
    taken.push(box);
    svg.appendChild(el("svg:text", { x: x + 6, y: y - 6, class: "place-label" }, text));
  }
  if (!document.querySelector(".warning")) {
    const read = page.total > page.items.length ? ` (the first ${page.items.length} read)` : "";
    const named = svg.querySelectorAll(".place-label").length;
    status(`${places.size} places for the ${placed} events that have a place, of `
      + `${page.total} events${read}; ${named} of the busiest are named (hover a point for the `
      + "others); scroll or use the buttons to zoom, click a point for its events");
  }
}

// Marks nest: spans sorted by start (longest first) form a tree; a span that crosses the open
// one cannot be a well-formed element and is left to the table.
function spanTree(spans) {
  const order = { quote: 0, event: 1, actor: 2 };
  spans.sort((x, y) => x.start - y.start || y.end - x.end || order[x.cls] - order[y.cls]);
  const root = { start: -Infinity, end: Infinity, children: [] };
  const stack = [root];
  for (const s of spans) {
    while (s.start >= stack.at(-1).end) stack.pop();
    if (s.end > stack.at(-1).end) continue;
    const node = { ...s, children: [] };
    stack.at(-1).children.push(node);
    stack.push(node);
  }
  return root;
}

function renderSpans(chars, node, from, to, parent) {
  let at = from;
  for (const child of node.children) {
    parent.append(chars.slice(at, child.start).join(""));
    const mark = parent.appendChild(el("mark", { class: child.cls, "data-start": child.start,
      "data-end": child.end, title: child.title }));
    if (child.id) mark.setAttribute("data-event-id", child.id);
    renderSpans(chars, child, child.start, child.end, mark);
    at = child.end;
  }
  parent.append(chars.slice(at, to).join(""));
}

async function article() {
  const id = decodeURIComponent(location.pathname.slice("/articles/".length));
  const [art] = await Promise.all([api(`articles/${encodeURIComponent(id)}`), loadLabels()]);
  document.querySelector("h1").textContent = art.title ?? art.article_id;
  status([art.outlet, art.published, `${art.events.length} events, ${art.quotes.length} quotes`]
    .filter(Boolean).join(" · "));
  const spans = [];
  const seen = new Set();
  const actorSpan = (start, end, title) => {
    if (start === null || start === undefined || seen.has(`${start}:${end}`)) return;
    seen.add(`${start}:${end}`);
    spans.push({ start, end, cls: "actor", title });
  };
  for (const m of art.mentions) actorSpan(m.start, m.end, m.code ?? "unresolved");
  for (const e of art.events) {
    spans.push({ start: e.start, end: e.end, cls: "event", id: e.event_id,
      title: `${e.cameo} ${actor(e.source)}→${actor(e.target)}` });
    for (const side of [e.source, e.target]) if (side) actorSpan(side.start, side.end, side.code);
  }
  for (const q of art.quotes) {
    spans.push({ start: q.start, end: q.end, cls: "quote", title: q.speaker?.code ?? "quote" });
  }
  const chars = Array.from(art.text);  // offsets count characters (code points), not UTF-16
  const key = el("p", { class: "legend", id: "marks-legend" });
  for (const [cls, name] of [["actor", "an actor"], ["event", "an event (its trigger)"],
    ["quote", "a quotation"]]) key.append(el("mark", { class: cls }, name), " ");
  key.append("· hover a mark for its code or speaker");
  document.getElementById("chart").appendChild(key);
  const text = el("div", { id: "text", class: "text" });
  renderSpans(chars, spanTree(spans), 0, chars.length, text);
  document.getElementById("chart").appendChild(text);
  const table = eventTable(art.events);
  for (const row of table.querySelectorAll("tr.event-row")) row.id = `e-${row.dataset.eventId}`;
  document.getElementById("list").appendChild(table);
  if (location.hash) document.getElementById(location.hash.slice(1))?.classList.add("target");
}

async function stories() {
  const page = await api("stories", { limit: 1000 });
  status(`${page.total} stories`);
  const table = el("table", { class: "events" });
  table.appendChild(el("tr")).append(...["first published", "articles", "outlets", "merged events",
    "title"].map((h) => el("th", {}, h)));
  for (const s of page.items) {
    const row = el("tr", { class: "story-row" });
    const link = el("a", { href: `/stories/${encodeURIComponent(s.story_id)}` },
      s.title ?? s.story_id);
    row.append(el("td", {}, s.first_published ?? "-"), el("td", {}, String(s.article_ids.length)),
      el("td", {}, s.outlets.join(", ") || "-"), el("td", {}, String(s.merged_ids.length)),
      el("td"));
    row.lastChild.appendChild(link);
    table.appendChild(row);
  }
  document.getElementById("list").appendChild(table);
}

async function story() {
  const id = decodeURIComponent(location.pathname.slice("/stories/".length));
  const [st, told] = await Promise.all([api(`stories/${encodeURIComponent(id)}`),
    api(`compare/${encodeURIComponent(id)}`), loadLabels()]);
  document.querySelector("h1").textContent = st.title ?? st.story_id;
  status(`${st.article_ids.length} articles from ${st.outlets.join(", ") || "no named outlet"}, `
    + `${st.first_published ?? "?"} to ${st.last_published ?? "?"}`);
  const reports = st.merged.flatMap((m) => m.reports.map((r) => ({ ...r, m })))
    .sort((x, y) => (x.published ?? "~").localeCompare(y.published ?? "~"));
  const table = el("table", { class: "events", id: "reports" });
  table.appendChild(el("tr")).append(...["published", "outlet", "event", "reports of it",
    "evidence"].map((h) => el("th", {}, h)));
  for (const r of reports) {
    table.appendChild(el("tr", { class: "report-row" })).append(
      el("td", {}, r.published ?? "-"), el("td", {}, r.outlet ?? "-"),
      el("td", {}, `${actor(r.m.source)} ${r.m.cameo} ${LABELS.get(r.m.cameo) ?? ""} `
        + actor(r.m.target)),
      el("td", {}, String(r.m.num_reports)), el("td", {}, r.evidence.slice(0, 160)));
  }
  document.getElementById("chart").appendChild(table);
  const side = el("div", { class: "outlets" });
  for (const o of told.outlets) {
    const col = side.appendChild(el("section", { class: "outlet" }));
    col.appendChild(el("h2", {}, o.outlet));
    col.appendChild(el("p", {}, `tone ${o.tone.toFixed(2)} per 100 words (`
      + `${o.tone_terms.positive} positive, ${o.tone_terms.negative} negative terms)`));
    col.appendChild(el("p", { class: "terms" }, "loaded terms: " + (o.loaded_terms
      .map((t) => `${t.term}${t.polarity}${t.only_here ? "*" : ""}`).join(", ") || "none")));
    col.appendChild(el("p", {}, "doers: " + (o.doers.join(", ") || "-") + "; targets: "
      + (o.targets.join(", ") || "-")));
    for (const q of o.quotes.slice(0, 5)) {
      col.appendChild(el("blockquote", {}, `${q.speaker ?? "?"}: ${q.content.slice(0, 200)}`));
    }
  }
  side.appendChild(el("p", { class: "status" }, "* used by this outlet only"));
  document.getElementById("list").appendChild(side);
}

const PAGES = { timeline, dyad, network, map, article, stories, story };
PAGES[document.body.dataset.page]().catch((err) => status(err.message, "warning"));
