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
 * the list, the count and pages follow, and a note says how old the list is. Every word it writes
 * comes from generator/labels.py: through board.json ("words"), or, for what it writes before
 * board.json is in or without it, the board's data-words. board.json holds only what the
 * filters need, packed (generator/site/board_data.py says how); a card's texts come written by the build
 * in small files (board-cards/N.json), fetched for the cards on screen, and its date-dependent parts
 * from card-dates.js with the build's words.
 *
 * Each option's count follows the other active filters (an option nothing would match is disabled),
 * the active filters are summarised above the results as buttons that remove them, and on a phone
 * the filters are a panel that ends with a "Show N projects" action. A filter change replaces the
 * address rather than adding to the history, so one Back leaves the board; the history entry also
 * remembers how many cards were shown and which card was on screen, so Back from a posting returns
 * to that card.
 *
 * The text filter asks search.js (window.microboardSearch, the build's word index) which rows match;
 * when nothing matches, the list says which word postings use instead and what each filter hides.
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
  var chips = board.querySelector("#mb-chips");
  var showButton = board.querySelector("#mb-show");
  var template = board.querySelector("#mb-card-template");
  var root = board.getAttribute("data-root");
  var index = board.getAttribute("data-index") || "";
  // Words needed before board.json is in, or without it (generator/labels.py BOARD_PAGE_WORDS); the rest are in board.json.
  var pageWords = JSON.parse(board.getAttribute("data-words"));

  // Beside "Show N more", the line that says when the next projects could not load; a live region, so it is heard.
  var moreFailed = document.createElement("span");
  moreFailed.className = "mb-more-failed";
  moreFailed.id = "mb-more-failed";
  moreFailed.setAttribute("aria-live", "polite");
  moreButton.parentNode.appendChild(moreFailed);

  var serverCards = Array.prototype.slice.call(list.children);
  var serverCount = count.textContent;
  var serverEmpty = empty.hidden;
  var serverEmptyText = empty.textContent;

  var cards = window.MicroboardCards;  // card-dates.js: the date-dependent card texts
  var DAY = 86400000;
  var STALE_AFTER = 2;   // days: an older list says how old it is
  var CHECKS = ["remote", "mentored"];
  var VALUES = ["text", "sort", "field", "within", "open", "level", "hmin", "hmax", "pay"];
  var MORE = ["field", "within", "open", "level", "hmin", "hmax", "pay", "remote", "mentored", "skill"];
  var NUMBERS = ["hmin", "hmax", "pay"];  // applied while the visitor types, after this pause:
  var TYPING_PAUSE = 300;

  // On wide screens the filters are a column beside the results; below that, a panel.
  var wide = window.matchMedia ? window.matchMedia("(min-width: 60em)") : null;
  var data = null;       // board.json, prepared
  var loading = null;    // its promise
  var found = null;      // the last text search: { text, flags (a Uint8Array over rows), result }
  var cardFiles = {};    // board-cards/N.json by N: a promise, then the rows
  var drawing = 0;       // counts the lists drawn: cards that arrive for an older list are dropped
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
    return { text: "", sort: "newest", field: "", within: "", open: "", level: "", hmin: "", hmax: "", pay: "",
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
    VALUES.forEach(function (name) { if (form.elements[name]) state[name] = form.elements[name].value.trim(); });
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
    ensureOption(form.elements.within, state.within, counted(pageWords.days, state.within));
    ensureOption(form.elements.field, state.field, state.field);
    ensureOption(form.elements.sort, state.sort, state.sort);
    ensureOption(form.elements.open, state.open, counted(pageWords.days, state.open));
    if (form.elements.level) ensureOption(form.elements.level, state.level, state.level);
    VALUES.forEach(function (name) { if (form.elements[name]) form.elements[name].value = state[name]; });
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
    active.textContent = n ? counted(pageWords.active, n) : "";
    if (n && wide && wide.matches) details.open = true;
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

  // The card files that hold these rows, fetched once each.
  function loadCards(some) {
    var per = data.raw.cards.rows, wanted = {};
    some.forEach(function (i) { wanted[Math.floor(i / per)] = true; });
    return Promise.all(Object.keys(wanted).map(function (n) {
      if (!cardFiles[n]) {
        cardFiles[n] = fetch(root + data.raw.cards.folder + n + ".json", { credentials: "same-origin" })
          .then(function (response) {
            if (!response.ok) throw new Error("cards " + n + ": " + response.status);
            return response.json();
          })
          .then(function (rows) { cardFiles[n] = rows; });
        cardFiles[n].catch(function () { delete cardFiles[n]; });
      }
      return cardFiles[n];
    }));
  }

  function cardRow(i) {
    var per = data.raw.cards.rows;
    return cardFiles[Math.floor(i / per)][i % per];
  }

  // board.json's packed columns (generator/site/board_data.py) as one array per posting.
  function unpack(raw) {
    var digit = {}, k = 0;
    raw.digits.forEach(function (range) { for (var c = range[0]; c <= range[1]; c++) digit[String.fromCharCode(c)] = k++; });
    var n = raw.count, rows = [], col = {}, names = [];
    for (var i = 0; i < n; i++) rows.push([]);
    function reader(codes) {
      var at = 0;
      return function (width) {
        var value = 0;
        for (var w = 0; w < width; w++) value += digit[codes.charAt(at + w)] * Math.pow(2, raw.digitBits * w);
        at += width;
        return value;
      };
    }
    raw.groups.forEach(function (group) {
      group.columns.forEach(function (name) { col[name] = names.length; names.push(name); });
      var read = reader(group.codes);
      for (var r = 0; r < n; r++) {
        var values = group.values[read(group.width)];
        for (var c = 0; c < values.length; c++) rows[r][col[group.columns[c]]] = values[c];
      }
    });
    col.skills = names.length;
    var read = reader(raw.skillCodes);
    for (var r = 0; r < n; r++) {
      var local = raw.fieldSkills[rows[r][col.field]], skills = [];
      var width = Math.max(1, Math.ceil(local.length / raw.digitBits));
      for (var w = 0; w < width; w++) {
        var bits = read(1);
        for (var b = 0; bits; b++, bits >>= 1) if (bits & 1) skills.push(local[w * raw.digitBits + b]);
      }
      rows[r][col.skills] = skills;
    }
    return { rows: rows, col: col };
  }

  // search.js, loaded the first time the text filter is used.
  var searchLoading = null;
  function searchScript() {
    if (window.microboardSearch) return Promise.resolve(window.microboardSearch);
    if (!searchLoading) {
      searchLoading = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = board.getAttribute("data-search");
        script.onload = function () { resolve(window.microboardSearch); };
        script.onerror = function () { searchLoading = null; reject(new Error("search.js did not load")); };
        document.head.appendChild(script);
      });
    }
    return searchLoading;
  }

  function search(text) {
    if (!text || (found && found.text === text)) return Promise.resolve(found);
    return searchScript().then(function (microboardSearch) { return microboardSearch(text, root); }).then(function (result) {
      var flags = new Uint8Array(result.total);
      result.rows.forEach(function (row) { flags[row] = 1; });
      found = { text: text, flags: flags, result: result };
      return found;
    });
  }

  function prepare(raw) {
    var unpacked = unpack(raw);
    var col = unpacked.col;
    var rows = unpacked.rows;
    var n = rows.length;
    var fieldIndex = {};
    raw.fields.forEach(function (pair, i) { fieldIndex[pair[0]] = i; });
    var skillIndex = {};
    raw.skills.forEach(function (pair, i) { skillIndex[pair[1]] = i; });
    var levelIndex = {};
    (raw.levels || []).forEach(function (pair, i) { levelIndex[pair[0]] = i; });
    var hourly = new Float64Array(n);  // pay per hour in the board's currency, from the build
    for (var i = 0; i < n; i++) hourly[i] = rows[i][col.hourly] == null ? NaN : rows[i][col.hourly];
    var d = { raw: raw, col: col, rows: rows, n: n, hourly: hourly, fieldIndex: fieldIndex,
              skillIndex: skillIndex, levelIndex: levelIndex, today: Date.parse(raw.today + "T00:00:00Z"), orders: {} };
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

  function anyOf(list, wanted) {
    for (var s = 0; s < list.length; s++) if (wanted[list[s]]) return true;
    return false;
  }

  // The postings that pass every filter, in the chosen order, and the facets: for each option of the
  // field, skill, level, remote and mentored filters, how many postings it would show with the other
  // filters as they are (a posting that misses only one of those filters counts for that filter's options).
  function filter(state) {
    var col = data.col, rows = data.rows, raw = data.raw;
    var order = data.orders[state.sort] || data.orders.newest;
    var field = state.field ? (state.field in data.fieldIndex ? data.fieldIndex[state.field] : -2) : -1;
    var level = state.level ? (state.level in data.levelIndex ? data.levelIndex[state.level] : -2) : -1;
    var skills = null;
    if (state.skill.length) {
      skills = {};
      state.skill.forEach(function (slug) { if (slug in data.skillIndex) skills[data.skillIndex[slug]] = true; });
    }
    var hmin = number(state.hmin), hmax = number(state.hmax), pay = number(state.pay);
    var within = number(state.within), open = number(state.open);
    var hits = state.text && found && found.text === state.text && found.result.words.length ? found.flags : null;
    var facets = { field: new Int32Array(raw.fields.length), skill: new Int32Array(raw.skills.length),
                   level: new Int32Array((raw.levels || []).length), remote: 0, mentored: 0 };
    var anyLevel = 0;  // postings that state no study level: open to every level
    var out = [];
    for (var k = 0; k < order.length; k++) {
      var i = order[k], row = rows[i];
      if (hmin !== null && row[col.hours] < hmin) continue;
      if (hmax !== null && row[col.hours] > hmax) continue;
      if (pay !== null && pay > 0 && !(data.hourly[i] >= pay - 1e-9)) continue;
      var left = row[col.applyBy] - elapsed;
      if (left < 0) continue;
      if (within !== null && left > within) continue;
      if (open !== null && left < open) continue;
      if (hits && !hits[i]) continue;
      var levels = col.levels === undefined ? [] : row[col.levels];
      var missField = field !== -1 && row[col.field] !== field;
      var missRemote = state.remote && row[col.location] !== 0;
      var missMentored = state.mentored && !row[col.mentored];
      var missSkill = skills !== null && !anyOf(row[col.skills], skills);
      var missLevel = level !== -1 && levels.length > 0 && levels.indexOf(level) < 0;
      var misses = missField + missRemote + missMentored + missSkill + missLevel;
      if (misses > 1) continue;
      if (misses === 0) out.push(i);
      if (!misses || missField) facets.field[row[col.field]]++;
      if ((!misses || missRemote) && row[col.location] === 0) facets.remote++;
      if ((!misses || missMentored) && row[col.mentored]) facets.mentored++;
      if (!misses || missSkill) row[col.skills].forEach(function (s) { facets.skill[s]++; });
      if (!misses || missLevel) {
        if (!levels.length) anyLevel++;
        for (var l = 0; l < levels.length; l++) facets.level[levels[l]]++;
      }
    }
    for (var m = 0; m < facets.level.length; m++) facets.level[m] += anyLevel;
    out.facets = facets;
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

  // A card, once its file is in (loadCards).
  function card(i) {
    var raw = data.raw, col = data.col, row = data.rows[i];
    var node = template.content.firstElementChild.cloneNode(true);
    var text = {}, values = cardRow(i);
    raw.cards.columns.forEach(function (name, k) { text[name] = values[k]; });
    var field = raw.fields[row[col.field]];
    fill(node, ".mb-slot-title", text.title, page("projects/" + text.org + "/" + text.slug + "/"));
    fill(node, ".mb-slot-org", text.orgName, page("organizations/" + text.org + "/"));
    fill(node, ".mb-slot-field", field[1], page("fields/" + field[0] + "/"));
    var words = raw.words.card;
    fill(node, ".mb-slot-hours", text.hoursText);
    fill(node, ".mb-slot-pay", text.payText);
    fill(node, ".mb-slot-hourly", text.hourlyText);
    fill(node, ".mb-slot-where", text.whereText);
    var levels = node.querySelector(".mb-slot-levels");
    if (levels) { levels.textContent = text.levelsText; levels.hidden = !levels.textContent; }
    fill(node, ".mb-slot-summary", text.summary);
    node.setAttribute("data-mb-row", i);
    var applyBy = isoDay(row[col.applyBy]), posted = isoDay(text.posted);
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
    if (badge) badge.hidden = !cards.isNew(words, elapsed - text.posted);
    var skillList = node.querySelector(".mb-slot-skills");
    var proto = skillList.firstElementChild;
    skillList.textContent = "";
    text.skills.forEach(function (s) {
      var item = proto.cloneNode(true);
      var link = item.querySelector("a");
      link.textContent = raw.skills[s][0];
      link.setAttribute("href", page("skills/" + raw.skills[s][1] + "/"));
      skillList.appendChild(item);
    });
    node.querySelector(".mb-slot-mentored").hidden = !row[col.mentored];
    gathered(node, i);
    return node;
  }

  // A posting from a partner board (board.json "via"): "via <board>", its page there, the employer's apply link.
  function gathered(node, i) {
    var raw = data.raw, via = raw.via && raw.via[i];
    var line = node.querySelector(".mb-via");
    if (line) line.hidden = !via;
    if (!via) return;
    node.querySelector(".mb-slot-title").setAttribute("href", via[1]);
    fill(node, ".mb-slot-via", say(raw.words.via, { name: raw.sources[via[0]] }));
    var apply = node.querySelector(".mb-slot-apply");
    if (apply && via[2]) apply.setAttribute("href", via[2]);
    if (apply) apply.hidden = !via[2];
  }

  // ------------------------------------------------------------------ rendering

  // The next page of results, once their cards are in; false when a newer list replaced this one.
  function showMore(focus) {
    var size = data.raw.pageSize || 50, generation = drawing;
    return loadCards(results.slice(shown, shown + size)).then(function () {
      if (generation !== drawing) return false;
      drawMore(focus);
      return true;
    });
  }

  function drawMore(focus) {
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
    moreButton.textContent = counted(data.raw.words.list.more, Math.min(left, size));
    moreFailed.textContent = "";
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
    drawing++;
    if (data) showFollow(emptyState());
    list.replaceChildren.apply(list, serverCards);
    count.textContent = serverCount;
    empty.hidden = serverEmpty;
    empty.textContent = serverEmptyText;
    moreButton.hidden = true;
    moreFailed.textContent = "";
    if (pager) pager.hidden = false;
    lastKey = "";
    board.setAttribute("data-shown", "");
  }

  // The list, the count and the options' counts change together, once the first page's cards are in.
  function render(state) {
    var key = toQuery(state);
    if (key === lastKey) return Promise.resolve();
    var all = isDefault(state);
    if (all && !stale()) {
      renderServer();
      var facets = data ? filter(state).facets : null;
      if (facets) showFacets(facets, state);
      showChips(state);
      showCount(Number(board.getAttribute("data-total")) || 0);
      announce(state, facets);
      return Promise.resolve();
    }
    var next = filter(state), generation = ++drawing;
    if (state.text && state.sort === "newest" && found && found.text === state.text) next = ranked(next);
    lastKey = key;
    return loadCards(next.slice(0, data.raw.pageSize || 50)).then(function () {
      if (generation !== drawing) return;
      results = next;
      shown = 0;
      list.textContent = "";
      drawMore(false);
      if (pager) pager.hidden = true;
      var n = results.length;
      if (all) {  // the whole board, as the server would render it on the visitor's day
        var words = data.raw.words.open;
        count.textContent = WHOLE.format(n) + " " + (n === 1 ? words[0] : words[1]);
        if (n === 0) empty.textContent = empty.getAttribute("data-none");
      } else {
        empty.textContent = serverEmptyText;
        count.textContent = n === 0 ? data.raw.words.list["match-none"] : counted(data.raw.words.list.match, n);
      }
      empty.hidden = n !== 0;
      showFacets(results.facets, state);
      showChips(state);
      showCount(n);
      showHints(state, n);
      showFollow(state);
      announce(state, results.facets);
      board.setAttribute("data-shown", key);  // which query the list shows (tests wait for it)
    }, function (error) {
      if (generation === drawing) lastKey = null;
      throw error;
    });
  }

  // A search in the default order: postings whose field, kind of place or skills hold the typed words come
  // first (search.js weighs them), in the board's order among equals.
  function ranked(rows) {
    var raw = data.raw, col = data.col, scores = found.scores || (found.scores = {});
    var order = rows.map(function (i, k) {
      if (scores[i] === undefined) {
        // what board.json holds: the field, the kind of place ("remote") and the skills; a posting's title and
        // city are in its card, fetched only for the cards shown, so they take no part in the order
        var row = data.rows[i];
        scores[i] = found.result.weigh({ field: raw.fields[row[col.field]][1], place: raw.locations[row[col.location]],
          title: "", skills: row[col.skills].map(function (s) { return raw.skills[s][0]; }) });
      }
      return [scores[i], k, i];
    }).sort(function (a, b) { return b[0] - a[0] || a[1] - b[1]; }).map(function (entry) { return entry[2]; });
    order.facets = rows.facets;
    return order;
  }

  // What the list shows, for quickbar.js: the state and, once board.json is in, an option's facet
  // (facet("field", "data"), facet("remote")), a counter of what another state would show, and the count's words.
  function announce(state, facets) {
    var counts = facets && {
      facet: function (name, value) {
        return name === "field" ? (value in data.fieldIndex ? facets.field[data.fieldIndex[value]] : 0) : facets[name];
      },
      count: function (other) { return filter(other).length; },
      text: facetText };
    board.dispatchEvent(new CustomEvent("mb-filtered", { detail: { state: state, counts: counts } }));
  }

  // ------------------------------------------------------------------ facets, summary and the panel

  function say(template, values) {
    return template.replace(/\{(\w+)\}/g, function (whole, name) { return name in values ? values[name] : whole; });
  }

  // A phrase of the label tables for a count: its one or many form (a pair), with {n} written as the build writes it.
  function counted(phrase, n) {
    if (typeof phrase !== "string") phrase = phrase[Number(n) === 1 ? 0 : 1];
    return say(phrase, { n: typeof n === "number" ? WHOLE.format(n) : n });  // a string as typed (?within=10)
  }

  function facetText(n) {
    return "(" + (n ? WHOLE.format(n) : data.raw.words.filters.none) + ")";
  }

  // An option's count follows the other filters; one that would show nothing says so and is disabled
  // (unless it is the one chosen, so it can be undone).
  function showOptions(select, table, index, counts, chosen) {
    if (!select) return;
    Array.prototype.forEach.call(select.options, function (option) {
      if (!option.value || !(option.value in index)) return;
      var n = counts[index[option.value]];
      option.textContent = table[index[option.value]][1] + " " + facetText(n);
      option.disabled = n === 0 && option.value !== chosen;
    });
  }

  function showCheck(box, n) {
    box.labels[0].querySelector(".mb-facet").textContent = facetText(n);
    box.disabled = n === 0 && !box.checked;
  }

  function showFacets(facets, state) {
    var raw = data.raw;
    showOptions(form.elements.field, raw.fields, data.fieldIndex, facets.field, state.field);
    showOptions(form.elements.level, raw.levels || [], data.levelIndex, facets.level, state.level);
    showCheck(form.elements.remote, facets.remote);
    showCheck(form.elements.mentored, facets.mentored);
    Array.prototype.forEach.call(form.querySelectorAll("input[name=skill]"), function (box) {
      showCheck(box, box.value in data.skillIndex ? facets.skill[data.skillIndex[box.value]] : 0);
    });
  }

  function showCount(n) {
    if (!data) return;
    showButton.textContent = counted(data.raw.words.filters.show, n);
  }

  // The active filters as buttons above the results ("Data", "Remote", "≤ 20 h"): one tap removes one.
  function chipsOf(state) {
    var words = data.raw.words.filters, raw = data.raw, found = [];
    var decimal = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 });
    function num(name) { return decimal.format(number(state[name])); }
    if (state.text) found.push([say(words.text, { n: state.text }), function (s) { s.text = ""; }]);
    if (state.field) {
      var f = data.fieldIndex[state.field];
      found.push([f === undefined ? state.field : raw.fields[f][1], function (s) { s.field = ""; }]);
    }
    if (state.remote) found.push([words.remote, function (s) { s.remote = false; }]);
    if (state.mentored) found.push([words.mentored, function (s) { s.mentored = false; }]);
    if (number(state.hmin) !== null) found.push([say(words.hmin, { n: num("hmin") }), function (s) { s.hmin = ""; }]);
    if (number(state.hmax) !== null) found.push([say(words.hmax, { n: num("hmax") }), function (s) { s.hmax = ""; }]);
    if (number(state.pay)) {
      found.push([say(words.pay, { n: num("pay"), currency: raw.currency }), function (s) { s.pay = ""; }]);
    }
    if (number(state.within) !== null) {
      found.push([say(words.within, { n: num("within") }), function (s) { s.within = ""; }]);
    }
    if (number(state.open) !== null) found.push([say(words.open, { n: num("open") }), function (s) { s.open = ""; }]);
    if (state.level) {
      var l = data.levelIndex[state.level];
      found.push([l === undefined ? state.level : raw.levels[l][1], function (s) { s.level = ""; }]);
    }
    state.skill.forEach(function (slug) {
      var i = data.skillIndex[slug];
      found.push([i === undefined ? slug : raw.skills[i][0], function (s) {
        s.skill = s.skill.filter(function (other) { return other !== slug; });
      }]);
    });
    return found;
  }

  function showChips(state) {
    var found = data ? chipsOf(state) : [];
    var words = data ? data.raw.words.filters : null;
    chips.textContent = "";
    found.forEach(function (pair) {
      var item = document.createElement("li");
      var button = document.createElement("button");
      button.type = "button";
      button.className = "mb-chip";
      button.textContent = pair[0];
      button.setAttribute("aria-label", say(words.remove, { label: pair[0] }));
      button.addEventListener("click", function () {
        var next = readForm();
        pair[1](next);
        writeForm(next);
        changed().then(function () { (chips.querySelector(".mb-chip") || form.elements.text).focus(); });
      });
      item.appendChild(button);
      chips.appendChild(item);
    });
    chips.hidden = found.length === 0;
  }

  // The panel's last action on a phone: close it and bring the count and the first result into view.
  function showResults() {
    details.open = false;
    count.scrollIntoView({ block: "start" });
    var first = list.querySelector(".mb-card a");
    if (first) first.focus({ preventScroll: true });
  }

  function apply(state) {
    showActive(state);
    if (isDefault(state) && !stale()) { showHints(state, 1); render(state); return Promise.resolve(); }
    return Promise.all([load(), search(state.text)]).then(function () {
      if (toQuery(state) !== toQuery(readForm())) return;  // a later change has its own answer coming
      showStale();
      return render(state);
    }).catch(function () {
      count.textContent = pageWords.failed;
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
      history.replaceState(null, "", location.pathname + toQuery(next) + location.hash);
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

  // The server's cards are on show: the options' counts and the panel's action, once board.json is in.
  function serverFacets() {
    var state = readForm();
    if (lastKey || !isDefault(state) || stale()) return;
    var facets = filter(state).facets;
    showFacets(facets, state);
    showCount(Number(board.getAttribute("data-total")) || 0);
    announce(state, facets);
  }

  // ------------------------------------------------------------------ where the visitor was

  // Which card was on screen (the one followed, or the first one visible) and where, kept in the
  // history entry so that Back shows as many cards and puts that card at the same place.
  function remember(card) {
    var cards = list.children;
    var at = card ? Array.prototype.indexOf.call(cards, card) : -1;
    for (var k = 0; at < 0 && k < cards.length; k++) if (cards[k].getBoundingClientRect().bottom > 0) at = k;
    if (at < 0) return;
    history.replaceState({ key: location.search, shown: cards.length, card: at,
                           top: cards[at].getBoundingClientRect().top }, "", location.href);
  }

  function restore(saved) {
    if (saved.key !== location.search) return;
    var generation = drawing;
    (lastKey ? loadCards(results.slice(shown, saved.shown)) : Promise.resolve()).then(function () {
      if (generation !== drawing) return;
      while (lastKey && shown < saved.shown && shown < results.length) drawMore(false);
      var card = list.children[saved.card];
      if (!card) return;
      var place = function () { window.scrollBy(0, card.getBoundingClientRect().top - saved.top); };
      place();
      requestAnimationFrame(place);  // again, once the cards around it have their real height
      keepInPlace(place);
    }, function () {});
  }

  // What loads after the cards (Save buttons, counts, fonts) can still move them: for a few seconds, until the
  // visitor scrolls or types, the card is put back each time the board changes size.
  function keepInPlace(place) {
    if (!window.ResizeObserver) return;
    var observer = new ResizeObserver(function () { place(); });
    var stop = function () {
      observer.disconnect();
      ["wheel", "touchstart", "keydown"].forEach(function (name) { window.removeEventListener(name, stop); });
    };
    observer.observe(board);
    ["wheel", "touchstart", "keydown"].forEach(function (name) { window.addEventListener(name, stop, { passive: true }); });
    setTimeout(stop, 3000);
  }

  // ------------------------------------------------------------------ events

  var typing = null;

  // Every change replaces the address: the filters are shareable, and one Back still leaves the board.
  function changed() {
    var state = readForm();
    var url = location.pathname + toQuery(state) + location.hash;
    if (url !== location.pathname + location.search + location.hash) history.replaceState(null, "", url);
    return apply(state);
  }

  function later(delay) {
    clearTimeout(typing);
    typing = setTimeout(changed, delay);
  }

  form.addEventListener("submit", function (event) { event.preventDefault(); changed(); });
  form.addEventListener("change", function (event) {
    if (event.target.name === "text") return;
    changed();
  });
  form.elements.text.addEventListener("input", function () { later(120); });
  NUMBERS.forEach(function (name) {
    form.elements[name].addEventListener("input", function () { later(TYPING_PAUSE); });
  });
  form.addEventListener("reset", function () {
    setTimeout(function () { changed(); form.elements.text.focus(); }, 0);
  });
  // A failed card file is forgotten (loadCards): the line beside the button says so, and pressing again tries again.
  // Presses while the next page is on its way (a slow connection invites them) wait for it rather than add another.
  var moreFor = null;  // the list whose next page is on its way
  moreButton.addEventListener("click", function () {
    var generation = drawing;
    if (moreFor === generation) return;
    moreFor = generation;
    moreFailed.textContent = "";
    showMore(true).then(function () {
      if (moreFor === generation) moreFor = null;
      remember(null);
    }, function () {
      if (moreFor === generation) moreFor = null;
      if (generation === drawing) moreFailed.textContent = data.raw.words.list["more-failed"];
    });
  });
  showButton.addEventListener("click", showResults);
  var followed = false;  // a card's link was followed: that card is the one to come back to
  list.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a");
    if (link) { remember(link.closest(".mb-card")); followed = true; }
  });
  window.addEventListener("pagehide", function (event) { if (!event.persisted && !followed) remember(null); });
  window.addEventListener("pageshow", function () { followed = false; });
  window.addEventListener("popstate", function () {
    var state = fromQuery(location.search);
    writeForm(state);
    apply(state);
  });

  // ------------------------------------------------------------------ start

  form.hidden = false;
  board.classList.add("mb-board--js");
  // the quick filters (quickbar.js) take their room now, before Back puts the list where it was
  var quickbar = board.querySelector("#mb-quickbar");
  if (quickbar) quickbar.hidden = false;
  var initial = fromQuery(location.search);
  var saved = history.state && typeof history.state.card === "number" ? history.state : null;
  if ("scrollRestoration" in history) history.scrollRestoration = "manual";  // restore() puts the card back
  writeForm(initial);
  // On wide screens the filters are a column with no toggle: keep them open, also after a resize.
  if (wide && wide.matches) details.open = true;
  if (wide && wide.addEventListener) wide.addEventListener("change", function () { if (wide.matches) details.open = true; });
  var starting = !isDefault(initial) || stale() ? apply(initial) : Promise.resolve();
  starting.then(function () {
    if (saved) restore(saved);
    // A shared link or a bookmark opens at its results; on a phone they are below the filters' summary.
    else if (!isDefault(initial) && !(wide && wide.matches)) count.scrollIntoView({ block: "start" });
    if (!data) {
      // board.json (hundreds of KB at thousands of postings) waits for a sign of use of the filters, so a
      // visitor who only reads the first page never downloads it; the server's counts hold until then.
      var intent = function (event) {
        // on wide screens the panel is always open: its toggle is no sign of use
        if (event && event.type === "toggle" && wide && wide.matches) return;
        load().then(serverFacets, function () {});
        ["pointerover", "focusin", "touchstart", "toggle"].forEach(function (type) { form.removeEventListener(type, intent); });
        details.removeEventListener("toggle", intent);
      };
      ["pointerover", "focusin", "touchstart"].forEach(function (type) { form.addEventListener(type, intent, { passive: true }); });
      details.addEventListener("toggle", intent);
    }
    board.setAttribute("data-ready", "");
  });
})();
