/* Microboard board: filters, sorting and a text filter over board.json, with the state in the URL.
 *
 * The text filter is "text" in the URL: Material's own search takes "q" and opens itself on it.
 * The page works without this script: it shows the newest cards and links to further pages.
 * With it, the filter form appears; results are rendered one page at a time from the
 * card <template> (the same markup as the server's cards), so a filter change touches at
 * most one page of DOM nodes however many postings there are.
 *
 * Deadlines are judged by the visitor's calendar day, not the build's: when the site has not
 * been rebuilt since (a paused schedule, a failed run), postings past their apply-by date leave
 * the list, the count and pages follow, and a note says how old the list is. Words the
 * server's pages do not already show come from board.json ("words"); a card's texts come written
 * by the build ("texts"), and its date-dependent parts from card-dates.js with the build's words.
 */
(function () {
  "use strict";

  var board = document.querySelector("[data-mb-board]");
  if (!board || !window.MicroboardCards || !window.fetch || !window.history
      || !("content" in document.createElement("template"))) return;

  var form = board.querySelector("#mb-filters");
  var list = board.querySelector("#mb-results");
  var count = board.querySelector("#mb-count");
  var empty = board.querySelector("#mb-empty");
  var moreButton = board.querySelector("#mb-more-button");
  var pager = board.querySelector(".mb-pager");
  var details = board.querySelector("#mb-more");
  var active = board.querySelector("#mb-active");
  var staleNote = board.querySelector("#mb-stale");
  var template = board.querySelector("#mb-card-template");
  var root = board.getAttribute("data-root");
  var index = board.getAttribute("data-index") || "";

  var serverCards = Array.prototype.slice.call(list.children);
  var serverCount = count.textContent;
  var serverEmpty = empty.hidden;
  var serverEmptyText = empty.textContent;

  var cards = window.MicroboardCards;  // card-dates.js: the date-dependent card texts
  var DAY = 86400000;
  var STALE_AFTER = 2;   // days: an older list says how old it is
  var CHECKS = ["remote", "mentored"];
  var VALUES = ["text", "sort", "field", "within", "hmin", "hmax", "pay"];
  var MORE = ["field", "within", "hmin", "hmax", "pay", "remote", "mentored", "skill"];

  var data = null;       // board.json, prepared
  var loading = null;    // its promise
  var summaries = null;  // board-text.json, loaded when the text filter is first used
  var textLoading = null;
  var results = [];
  var shown = 0;
  var lastKey = null;
  // Days from the build's date to the visitor's: postings whose apply-by offset is below it have closed.
  var elapsed = daysSinceBuild(board.getAttribute("data-today"));

  function daysSinceBuild(built) {
    var now = new Date();
    var visitor = Date.UTC(now.getFullYear(), now.getMonth(), now.getDate());
    var day = built ? Date.parse(built + "T00:00:00Z") : NaN;
    return isNaN(day) ? 0 : Math.max(0, Math.round((visitor - day) / DAY));
  }

  // ------------------------------------------------------------------ state, form and URL

  function emptyState() {
    return { text: "", sort: "newest", field: "", within: "", hmin: "", hmax: "", pay: "",
             remote: false, mentored: false, skill: [] };
  }

  function fromQuery(search) {
    var params = new URLSearchParams(search);
    var state = emptyState();
    VALUES.forEach(function (name) { if (params.has(name)) state[name] = params.get(name).trim(); });
    CHECKS.forEach(function (name) { state[name] = params.get(name) === "1"; });
    state.skill = params.getAll("skill").filter(Boolean);
    if (!state.sort) state.sort = "newest";
    return state;
  }

  function toQuery(state) {
    var params = new URLSearchParams();
    VALUES.forEach(function (name) {
      if (state[name] && !(name === "sort" && state[name] === "newest")) params.set(name, state[name]);
    });
    CHECKS.forEach(function (name) { if (state[name]) params.set(name, "1"); });
    state.skill.forEach(function (slug) { params.append("skill", slug); });
    var text = params.toString();
    return text ? "?" + text : "";
  }

  function readForm() {
    var state = emptyState();
    VALUES.forEach(function (name) { state[name] = form.elements[name].value.trim(); });
    CHECKS.forEach(function (name) { state[name] = form.elements[name].checked; });
    state.skill = Array.prototype.filter.call(form.querySelectorAll("input[name=skill]"), function (box) {
      return box.checked;
    }).map(function (box) { return box.value; });
    if (!state.sort) state.sort = "newest";
    return state;
  }

  function ensureOption(select, value, text) {
    if (!value) return;
    for (var i = 0; i < select.options.length; i++) if (select.options[i].value === value) return;
    select.add(new Option(text, value));
  }

  function writeForm(state) {
    ensureOption(form.elements.within, state.within, state.within + " days");
    ensureOption(form.elements.field, state.field, state.field);
    ensureOption(form.elements.sort, state.sort, state.sort);
    VALUES.forEach(function (name) { form.elements[name].value = state[name]; });
    CHECKS.forEach(function (name) { form.elements[name].checked = state[name]; });
    Array.prototype.forEach.call(form.querySelectorAll("input[name=skill]"), function (box) {
      box.checked = state.skill.indexOf(box.value) >= 0;
    });
    showActive(state);
  }

  function activeCount(state) {
    return MORE.filter(function (name) {
      return name === "skill" ? state.skill.length > 0 : Boolean(state[name]);
    }).length;
  }

  function showActive(state) {
    var n = activeCount(state);
    active.textContent = n ? "(" + n + " active)" : "";
    if (n) details.open = true;
  }

  function isDefault(state) {
    return toQuery(state) === "";
  }

  // ------------------------------------------------------------------ data

  function load() {
    if (!loading) {
      loading = fetch(board.getAttribute("data-data"), { credentials: "same-origin" })
        .then(function (response) {
          if (!response.ok) throw new Error("board.json: " + response.status);
          return response.json();
        })
        .then(prepare);
      loading.catch(function () { loading = null; });
    }
    return loading;
  }

  function loadText() {
    if (!textLoading) {
      textLoading = fetch(board.getAttribute("data-text"), { credentials: "same-origin" })
        .then(function (response) { return response.json(); })
        .then(function (text) {
          summaries = text.summaries || [];
          if (data) data.hay = null;
        });
      textLoading.catch(function () { textLoading = null; });
    }
    return textLoading;
  }

  function prepare(raw) {
    var col = {};
    raw.columns.forEach(function (name, i) { col[name] = i; });
    var rows = raw.rows;
    var n = rows.length;
    var fieldIndex = {};
    raw.fields.forEach(function (pair, i) { fieldIndex[pair[0]] = i; });
    var skillIndex = {};
    raw.skills.forEach(function (pair, i) { skillIndex[pair[1]] = i; });
    var hourly = new Float64Array(n);  // pay per hour in the board's currency, from the build
    for (var i = 0; i < n; i++) hourly[i] = rows[i][col.hourly] == null ? NaN : rows[i][col.hourly];
    var d = { raw: raw, col: col, rows: rows, n: n, hourly: hourly, fieldIndex: fieldIndex,
              skillIndex: skillIndex, today: Date.parse(raw.today + "T00:00:00Z"), orders: {}, hay: null };
    var identity = [];
    for (var k = 0; k < n; k++) identity.push(k);
    d.orders.newest = identity;
    d.orders.closing = identity.slice().sort(function (a, b) {
      return rows[a][col.applyBy] - rows[b][col.applyBy] || a - b;
    });
    d.orders.pay = identity.slice().sort(function (a, b) {
      var x = hourly[a], y = hourly[b];
      if (isNaN(x) || isNaN(y)) return (isNaN(x) - isNaN(y)) || a - b;
      return y - x || a - b;
    });
    d.orders.hours = identity.slice().sort(function (a, b) {
      return rows[a][col.hours] - rows[b][col.hours] || a - b;
    });
    data = d;
    return d;
  }

  function haystacks() {
    if (data.hay) return data.hay;
    var raw = data.raw, col = data.col, hay = new Array(data.n);
    for (var i = 0; i < data.n; i++) {
      var row = data.rows[i];
      var parts = [row[col.title], raw.orgs[row[col.org]][1]];
      row[col.skills].forEach(function (s) { parts.push(raw.skills[s][0]); });
      if (summaries && summaries[i] != null) parts.push(summaries[i]);
      hay[i] = parts.join("\n").toLowerCase();
    }
    data.hay = hay;
    return hay;
  }

  // ------------------------------------------------------------------ filtering

  function number(text) {
    if (text === "" || text == null) return null;
    var value = Number(text);
    return isFinite(value) ? value : null;
  }

  function filter(state) {
    var col = data.col, rows = data.rows;
    var order = data.orders[state.sort] || data.orders.newest;
    var field = state.field ? (state.field in data.fieldIndex ? data.fieldIndex[state.field] : -2) : -1;
    var skills = null;
    if (state.skill.length) {
      skills = {};
      state.skill.forEach(function (slug) { if (slug in data.skillIndex) skills[data.skillIndex[slug]] = true; });
    }
    var hmin = number(state.hmin), hmax = number(state.hmax), pay = number(state.pay);
    var within = number(state.within);
    var words = state.text.toLowerCase().split(/\s+/).filter(Boolean);
    var hay = words.length ? haystacks() : null;
    var out = [];
    for (var k = 0; k < order.length; k++) {
      var i = order[k], row = rows[i];
      if (field !== -1 && row[col.field] !== field) continue;
      if (state.remote && row[col.location] !== 0) continue;
      if (state.mentored && !row[col.mentored]) continue;
      if (hmin !== null && row[col.hours] < hmin) continue;
      if (hmax !== null && row[col.hours] > hmax) continue;
      if (pay !== null && pay > 0 && !(data.hourly[i] >= pay - 1e-9)) continue;
      if (row[col.applyBy] < elapsed) continue;
      if (within !== null && row[col.applyBy] - elapsed > within) continue;
      if (skills) {
        var any = false, list = row[col.skills];
        for (var s = 0; s < list.length; s++) if (skills[list[s]]) { any = true; break; }
        if (!any) continue;
      }
      if (hay) {
        var text = hay[i], all = true;
        for (var w = 0; w < words.length; w++) if (text.indexOf(words[w]) < 0) { all = false; break; }
        if (!all) continue;
      }
      out.push(i);
    }
    return out;
  }

  // ------------------------------------------------------------------ cards

  // Built once: toLocaleString with options builds a formatter per call, which is slow.
  var WHOLE = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

  function isoDay(offset) {
    return new Date(data.today + offset * DAY).toISOString().slice(0, 10);
  }

  function page(path) {
    return root + path + index;
  }

  function fill(node, selector, text, href) {
    var el = node.querySelector(selector);
    if (!el) return;
    el.textContent = text;
    if (href) el.setAttribute("href", href);
  }

  function card(i) {
    var raw = data.raw, col = data.col, row = data.rows[i];
    var node = template.content.firstElementChild.cloneNode(true);
    var org = raw.orgs[row[col.org]], field = raw.fields[row[col.field]];
    fill(node, ".mb-slot-title", row[col.title], page("projects/" + org[0] + "/" + row[col.slug] + "/"));
    fill(node, ".mb-slot-org", org[1], page("organizations/" + org[0] + "/"));
    fill(node, ".mb-slot-field", field[1], page("fields/" + field[0] + "/"));
    var texts = raw.texts, words = raw.words.card;
    fill(node, ".mb-slot-hours", texts[row[col.hoursText]]);
    fill(node, ".mb-slot-pay", texts[row[col.payText]]);
    fill(node, ".mb-slot-hourly", texts[row[col.hourlyText]]);
    fill(node, ".mb-slot-where", texts[row[col.whereText]]);
    var levels = node.querySelector(".mb-slot-levels");
    if (levels) { levels.textContent = texts[row[col.levelsText]]; levels.hidden = !levels.textContent; }
    fill(node, ".mb-slot-summary", summaries && summaries[i] != null ? summaries[i] : "");
    node.setAttribute("data-mb-row", i);
    var applyBy = isoDay(row[col.applyBy]), posted = isoDay(row[col.posted]);
    var deadline = node.querySelector(".mb-slot-deadline");
    deadline.textContent = cards.dayText(words, applyBy);
    deadline.setAttribute("datetime", applyBy);
    fill(node, ".mb-slot-closes", cards.closesText(words, row[col.applyBy] - elapsed));
    var postedNode = node.querySelector(".mb-slot-posted");
    if (postedNode) {
      postedNode.textContent = cards.phrase(words, "posted", null, { day: cards.dayText(words, posted) });
      postedNode.setAttribute("datetime", posted);
    }
    var badge = node.querySelector(".mb-slot-new");
    if (badge) badge.hidden = !cards.isNew(words, elapsed - row[col.posted]);
    var skillList = node.querySelector(".mb-slot-skills");
    var proto = skillList.firstElementChild;
    skillList.textContent = "";
    row[col.skills].forEach(function (s) {
      var item = proto.cloneNode(true);
      var link = item.querySelector("a");
      link.textContent = raw.skills[s][0];
      link.setAttribute("href", page("skills/" + raw.skills[s][1] + "/"));
      skillList.appendChild(item);
    });
    node.querySelector(".mb-slot-mentored").hidden = !row[col.mentored];
    return node;
  }

  // ------------------------------------------------------------------ rendering

  function fillSummaries() {
    Array.prototype.forEach.call(list.querySelectorAll("[data-mb-row]"), function (node) {
      var text = summaries[Number(node.getAttribute("data-mb-row"))];
      fill(node, ".mb-slot-summary", text == null ? "" : text);
    });
  }

  function showMore(focus) {
    var size = data.raw.pageSize || 50;
    var fragment = document.createDocumentFragment();
    var end = Math.min(shown + size, results.length);
    var first = null;
    for (var k = shown; k < end; k++) {
      var node = card(results[k]);
      if (!first) first = node;
      fragment.appendChild(node);
    }
    list.appendChild(fragment);
    shown = end;
    var left = results.length - shown;
    moreButton.hidden = left <= 0;
    moreButton.textContent = "Show " + Math.min(left, size) + " more";
    if (focus && first) first.querySelector("a").focus();
  }

  function stale() {
    return elapsed > 0;
  }

  function showStale() {
    if (!staleNote || !data || elapsed <= STALE_AFTER) return;
    staleNote.textContent = data.raw.words.updated.replace("{n}", WHOLE.format(elapsed));
    staleNote.hidden = false;
  }

  function renderServer() {
    list.replaceChildren.apply(list, serverCards);
    count.textContent = serverCount;
    empty.hidden = serverEmpty;
    empty.textContent = serverEmptyText;
    moreButton.hidden = true;
    if (pager) pager.hidden = false;
    lastKey = "";
  }

  function render(state) {
    var key = toQuery(state);
    if (key === lastKey) return;
    var all = isDefault(state);
    if (all && !stale()) { renderServer(); return; }
    results = filter(state);
    if (!summaries) loadText().then(fillSummaries, function () {});
    shown = 0;
    list.textContent = "";
    showMore(false);
    if (pager) pager.hidden = true;
    var n = results.length;
    if (all) {  // the whole board, as the server would render it on the visitor's day
      var words = data.raw.words.open;
      count.textContent = WHOLE.format(n) + " " + (n === 1 ? words[0] : words[1]);
      if (n === 0) empty.textContent = empty.getAttribute("data-none");
    } else {
      empty.textContent = serverEmptyText;
      count.textContent = n === 0 ? "No project matches" : n === 1 ? "1 project matches"
        : WHOLE.format(n) + " projects match";
    }
    empty.hidden = n !== 0;
    lastKey = key;
  }

  function apply(state) {
    showActive(state);
    if (isDefault(state) && !stale()) { render(state); return Promise.resolve(); }
    var waits = [load()];
    if (state.text && !summaries) waits.push(loadText().then(function () { lastKey = null; }, function () {}));
    // Render with what is here as soon as board.json is in; again when summaries arrive.
    return waits[0].then(function () {
      showStale();
      render(state);
      if (waits.length > 1) return waits[1].then(function () { render(readForm()); });
    }, function () {
      count.textContent = "The filters could not load their data. The list below is unfiltered.";
    });
  }

  // ------------------------------------------------------------------ events

  var typing = null;

  function changed(push) {
    var state = readForm();
    var url = location.pathname + toQuery(state) + location.hash;
    if (url !== location.pathname + location.search + location.hash) {
      if (push) history.pushState(null, "", url);
      else history.replaceState(null, "", url);
    }
    apply(state);
  }

  form.addEventListener("submit", function (event) { event.preventDefault(); changed(true); });
  form.addEventListener("change", function (event) {
    if (event.target.name === "text") return;
    changed(true);
  });
  form.elements.text.addEventListener("input", function () {
    if (!summaries) loadText();
    clearTimeout(typing);
    typing = setTimeout(function () { changed(false); }, 120);
  });
  form.addEventListener("reset", function () {
    setTimeout(function () { changed(true); form.elements.text.focus(); }, 0);
  });
  moreButton.addEventListener("click", function () { showMore(true); });
  window.addEventListener("popstate", function () {
    var state = fromQuery(location.search);
    writeForm(state);
    apply(state);
  });

  // ------------------------------------------------------------------ start

  form.hidden = false;
  board.classList.add("mb-board--js");
  var initial = fromQuery(location.search);
  writeForm(initial);
  // On wide screens the filters are a column with no toggle: keep them open, also after a resize.
  var wide = window.matchMedia ? window.matchMedia("(min-width: 60em)") : null;
  if (wide && wide.matches) details.open = true;
  if (wide && wide.addEventListener) wide.addEventListener("change", function () { if (wide.matches) details.open = true; });
  if (!isDefault(initial) || stale()) apply(initial);
  else if ("requestIdleCallback" in window) requestIdleCallback(function () { load(); });
  else setTimeout(load, 300);
  board.setAttribute("data-ready", "");
})();
