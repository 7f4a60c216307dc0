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
 * server's pages do not already show come from board.json ("words").
 *
 * The text filter asks search.js (window.microboardSearch, the build's word index) which rows match;
 * when nothing matches, the list says which word postings use instead and what each filter hides.
 */
(function () {
  "use strict";

  var board = document.querySelector("[data-mb-board]");
  if (!board || !window.fetch || !window.history || !("content" in document.createElement("template"))) return;

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

  var PAY_LABELS = { fixed: "fixed fee", hourly: "per hour", stipend: "stipend" };
  var LOCATION_LABELS = { remote: "Remote", hybrid: "Hybrid", "on-site": "On site" };
  var MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  var DAY = 86400000;
  var STALE_AFTER = 2;   // days: an older list says how old it is
  var CHECKS = ["remote", "mentored"];
  var VALUES = ["text", "sort", "field", "within", "hmin", "hmax", "pay"];
  var MORE = ["field", "within", "hmin", "hmax", "pay", "remote", "mentored", "skill"];

  var data = null;       // board.json, prepared
  var loading = null;    // its promise
  var found = null;      // the last text search: { text, flags (a Uint8Array over rows), result }
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

  function search(text) {
    if (!text || (found && found.text === text)) return Promise.resolve(found);
    if (!window.microboardSearch) return Promise.reject(new Error("search.js did not load"));
    return window.microboardSearch(text, root).then(function (result) {
      var flags = new Uint8Array(result.total);
      result.rows.forEach(function (row) { flags[row] = 1; });
      found = { text: text, flags: flags, result: result };
      return found;
    });
  }

  function prepare(raw) {
    var col = {};
    raw.columns.forEach(function (name, i) { col[name] = i; });
    var rows = raw.rows;
    var n = rows.length;
    var rates = raw.currencies.map(function (pair) { return pair[1]; });
    var fieldIndex = {};
    raw.fields.forEach(function (pair, i) { fieldIndex[pair[0]] = i; });
    var skillIndex = {};
    raw.skills.forEach(function (pair, i) { skillIndex[pair[1]] = i; });
    var hourly = new Float64Array(n);
    for (var i = 0; i < n; i++) {
      var row = rows[i];
      var amount = row[col.amount];
      var rate = row[col.currency] >= 0 ? rates[row[col.currency]] : null;
      var type = raw.payTypes[row[col.payType]];
      if (amount == null || rate == null || type === "unpaid") { hourly[i] = NaN; continue; }
      var perHour = type === "hourly" ? amount : amount / Math.max(row[col.hours], 1);
      hourly[i] = perHour * rate;
    }
    var d = { raw: raw, col: col, rows: rows, n: n, hourly: hourly, fieldIndex: fieldIndex,
              skillIndex: skillIndex, today: Date.parse(raw.today + "T00:00:00Z"), orders: {} };
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
    var hits = state.text && found && found.text === state.text && found.result.words.length ? found.flags : null;
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
      if (hits && !hits[i]) continue;
      out.push(i);
    }
    return out;
  }

  // ------------------------------------------------------------------ cards

  // Built once: toLocaleString with options builds a formatter per call, which is slow.
  var WHOLE = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
  var CENTS = new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

  function money(value) {
    var whole = Math.abs(value - Math.round(value)) < 1e-9;
    return (whole ? WHOLE : CENTS).format(value);
  }

  function plural(n, word) {
    return WHOLE.format(n) + " " + (n === 1 ? word : word + "s");
  }

  function dayText(offset) {
    var date = new Date(data.today + offset * DAY);
    return date.getUTCDate() + " " + MONTHS[date.getUTCMonth()] + " " + date.getUTCFullYear();
  }

  function isoDay(offset) {
    return new Date(data.today + offset * DAY).toISOString().slice(0, 10);
  }

  function closesText(days) {
    if (days < 0) return "closed";
    if (days === 0) return "closes today";
    if (days === 1) return "closes tomorrow";
    if (days <= 60) return "closes in " + days + " days";
    if (days < 730) return "closes in " + Math.round(days / 30.44) + " months";
    return "closes in " + Math.floor(days / 365.25) + " years";
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
    var type = raw.payTypes[row[col.payType]], amount = row[col.amount];
    var currency = row[col.currency] >= 0 ? raw.currencies[row[col.currency]][0] : "";
    var hours = row[col.hours];
    fill(node, ".mb-slot-title", row[col.title], page("projects/" + org[0] + "/" + row[col.slug] + "/"));
    fill(node, ".mb-slot-org", org[1], page("organizations/" + org[0] + "/"));
    fill(node, ".mb-slot-field", field[1], page("fields/" + field[0] + "/"));
    fill(node, ".mb-slot-hours", plural(hours, "hour"));
    var paid = type !== "unpaid" && amount != null;
    fill(node, ".mb-slot-pay", paid ? money(amount) + " " + currency + " " + PAY_LABELS[type] : "Unpaid");
    fill(node, ".mb-slot-hourly", paid && type !== "hourly"
      ? "≈ " + money(amount / Math.max(hours, 1)) + " " + currency + " an hour" : "");
    var place = row[col.place] >= 0 ? raw.places[row[col.place]] : "";
    var where = LOCATION_LABELS[raw.locations[row[col.location]]];
    fill(node, ".mb-slot-where", place ? where + " · " + place : where);
    var deadline = node.querySelector(".mb-slot-deadline");
    deadline.textContent = dayText(row[col.applyBy]);
    deadline.setAttribute("datetime", isoDay(row[col.applyBy]));
    fill(node, ".mb-slot-closes", closesText(row[col.applyBy] - elapsed));
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
    if (data) showFollow(emptyState());
    list.replaceChildren.apply(list, serverCards);
    count.textContent = serverCount;
    empty.hidden = serverEmpty;
    empty.textContent = serverEmptyText;
    moreButton.hidden = true;
    if (pager) pager.hidden = false;
    lastKey = "";
    board.setAttribute("data-shown", "");
  }

  function render(state) {
    var key = toQuery(state);
    if (key === lastKey) return;
    var all = isDefault(state);
    if (all && !stale()) { renderServer(); return; }
    results = filter(state);
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
    showHints(state, n);
    showFollow(state);
    lastKey = key;
    board.setAttribute("data-shown", key);  // which query the list shows (tests wait for it)
  }

  function apply(state) {
    showActive(state);
    if (isDefault(state) && !stale()) { showHints(state, 1); render(state); return Promise.resolve(); }
    return Promise.all([load(), search(state.text)]).then(function () {
      if (toQuery(state) !== toQuery(readForm())) return;  // a later change has its own answer coming
      showStale();
      render(state);
    }, function () {
      count.textContent = "The filters could not load their data. The list below is unfiltered.";
    });
  }

  // ------------------------------------------------------------------ follow

  // The narrowest feed that holds every posting these filters can show: the whole board's, the
  // field's, the one skill's or the remote postings', whichever has the fewest postings.
  function showFollow(state) {
    var link = board.querySelector("#mb-follow");
    if (!link || !data) return;
    var raw = data.raw, col = data.col, words = raw.words.follow, feeds = raw.feeds;
    var best = { folder: feeds.all, text: words.all, size: data.n };
    function consider(folder, text, test) {
      var size = 0;
      for (var i = 0; i < data.n; i++) if (test(data.rows[i])) size++;
      if (size < best.size) best = { folder: folder, text: text, size: size };
    }
    if (state.field && state.field in data.fieldIndex) {
      var f = data.fieldIndex[state.field];
      consider(feeds.field.replace("{key}", state.field), words.field.replace("{name}", raw.fields[f][1]),
               function (row) { return row[col.field] === f; });
    }
    if (state.skill.length === 1 && state.skill[0] in data.skillIndex) {
      var s = data.skillIndex[state.skill[0]];
      consider(feeds.skill.replace("{key}", state.skill[0]), words.skill.replace("{name}", raw.skills[s][0]),
               function (row) { return row[col.skills].indexOf(s) >= 0; });
    }
    if (state.remote) {
      consider(feeds.remote, words.remote, function (row) { return raw.locations[row[col.location]] === "remote"; });
    }
    link.textContent = best.text;
    link.setAttribute("href", root + best.folder + "feed.xml");
  }

  // ------------------------------------------------------------------ when nothing matches

  var hints = document.createElement("ul");
  hints.className = "mb-hints";
  hints.id = "mb-hints";
  hints.hidden = true;
  empty.parentNode.insertBefore(hints, empty.nextSibling);

  // The filters in use, each as [its label on the form, the state without it].
  function filtersInUse(state) {
    var out = [];
    function without(names, label) {
      var other = JSON.parse(JSON.stringify(state));
      names.forEach(function (name) { other[name] = name === "skill" ? [] : typeof state[name] === "boolean" ? false : ""; });
      out.push([label, other]);
    }
    function labelOf(id) {
      var el = form.querySelector("label[for=" + id + "]");
      return el ? el.textContent.trim() : id;
    }
    function legendOf(name) {
      var el = form.elements[name].closest("fieldset");
      return el ? el.querySelector("legend").textContent.trim() : name;
    }
    if (state.text) without(["text"], labelOf("mb-q"));
    if (state.field) without(["field"], labelOf("mb-field"));
    if (state.hmin || state.hmax) without(["hmin", "hmax"], legendOf("hmin"));
    if (state.pay) without(["pay"], labelOf("mb-pay"));
    if (state.within) without(["within"], labelOf("mb-within"));
    if (state.remote) without(["remote"], labelOf("mb-remote"));
    if (state.mentored) without(["mentored"], labelOf("mb-mentored"));
    if (state.skill.length) without(["skill"], legendOf("skill"));
    return out;
  }

  function hintButton(text, next) {
    var item = document.createElement("li");
    var button = document.createElement("button");
    button.type = "button";
    button.className = "md-button mb-hint";
    button.textContent = text;
    button.addEventListener("click", function () {
      writeForm(next);
      history.pushState(null, "", location.pathname + toQuery(next) + location.hash);
      apply(next);
    });
    item.appendChild(button);
    hints.appendChild(item);
  }

  function showHints(state, n) {
    hints.textContent = "";
    hints.hidden = true;
    if (n !== 0 || !data) return;
    var words = data.raw.words;
    if (state.text && found && found.text === state.text) {
      found.result.nearest.forEach(function (miss) {
        if (!miss.nearest) return;
        var next = JSON.parse(JSON.stringify(state));
        next.text = found.result.words.map(function (w) { return w === miss.word ? miss.nearest : w; }).join(" ");
        hintButton(words.nearest.replace("{word}", miss.nearest), next);
      });
    }
    filtersInUse(state).forEach(function (pair) {
      var other = pair[1];
      if (other.text && !(found && found.text === other.text)) return;
      var more = filter(other).length;
      if (more > 0) hintButton(words.hidden.replace("{n}", WHOLE.format(more)).replace("{filter}", pair[0]), other);
    });
    hints.hidden = !hints.children.length;
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
  else {
    // board.json (hundreds of KB at thousands of postings) waits for a sign of use of the filters,
    // so a visitor who only reads the first page never downloads it.
    var intent = function () {
      load();
      ["pointerover", "focusin", "touchstart"].forEach(function (type) { form.removeEventListener(type, intent); });
    };
    ["pointerover", "focusin", "touchstart"].forEach(function (type) { form.addEventListener(type, intent, { passive: true }); });
  }
  board.setAttribute("data-ready", "");
})();
