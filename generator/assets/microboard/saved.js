/* Keep and come back: a "Save" button on every card and posting page, a "Saved (N)" list on the board,
 * and a "New" mark on cards of postings that went up after the visitor's last visit; the same for the
 * compact rows of organization, field and skill pages.
 *
 * Everything is kept in this browser's localStorage, under keys named for the board's address (two
 * boards on one host keep separate lists); nothing is sent anywhere. The saved list stores each
 * posting's page, title, organization and apply-by date, so it shows postings that have closed since
 * (past their date, or gone from the board's open postings in board-keys.json). "New" reads the posting
 * dates from the posting index's rows (search/rows-N.json). The words come from the build (data-words
 * on this script's tag).
 */
(function () {
  "use strict";

  var script = document.currentScript;
  var storage = null;
  try { storage = window.localStorage; storage.getItem("mb"); } catch (error) { storage = null; }
  if (!storage || !script) return;
  // the theme's pages give the words on the script; Microboard's own pages load them once, in words.js
  var WORDS = JSON.parse(script.getAttribute("data-words") || "null") || (window.microboardWords || {}).saved || {};
  var SESSION = 30 * 60 * 1000;  // a visit: page views less than half an hour apart

  var root = (function () {
    var config = document.getElementById("__config");
    try { return new URL(JSON.parse(config.textContent).base.replace(/\/?$/, "/"), location.href); }
    catch (error) { return null; }
  })();
  if (!root) return;
  var NS = "microboard:" + root.pathname + ":";

  function read(name, fallback) {
    try { var value = JSON.parse(storage.getItem(NS + name)); return value == null ? fallback : value; }
    catch (error) { return fallback; }
  }

  function write(name, value) {
    try { storage.setItem(NS + name, JSON.stringify(value)); } catch (error) { /* full or refused */ }
  }

  function today() {
    var now = new Date();
    return [now.getFullYear(), String(now.getMonth() + 1).padStart(2, "0"), String(now.getDate()).padStart(2, "0")].join("-");
  }

  // A page's key: its path under the board's root, e.g. projects/acme/logo/.
  function keyOf(href) {
    var url = new URL(href, location.href);
    var path = url.pathname.replace(/index\.html$/, "");
    return path.indexOf(root.pathname) === 0 ? path.slice(root.pathname.length) : null;
  }

  // ---------------------------------------------------------------- the saved list

  var saved = read("saved", {});
  var buttons = [];

  function isSaved(key) { return Object.prototype.hasOwnProperty.call(saved, key); }

  function toggle(item) {
    saved = read("saved", {});  // another tab may have changed it
    if (isSaved(item.key)) delete saved[item.key];
    else saved[item.key] = { title: item.title, org: item.org, applyBy: item.applyBy, savedOn: today() };
    write("saved", saved);
    refresh();
  }

  function saveButton(item) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "mb-save";
    button.addEventListener("click", function () { toggle(item); });
    button.mbItem = item;
    buttons.push(button);
    paint(button);
    return button;
  }

  function paint(button) {
    var on = isSaved(button.mbItem.key);
    button.textContent = on ? WORDS.saved : WORDS.save;
    button.setAttribute("aria-pressed", on ? "true" : "false");
  }

  function text(node, selector) {
    var el = node.querySelector(selector);
    return el ? el.textContent.trim() : "";
  }

  function cardItem(card) {
    var link = card.querySelector(".mb-card__title a, .mb-row > h3 > a");
    var key = link && keyOf(link.getAttribute("href"));
    if (!key) return null;
    var deadline = card.querySelector(".mb-slot-deadline");
    // an organization's own rows leave its name out: their list carries it
    var org = text(card, ".mb-slot-org") || (card.parentNode.getAttribute("data-mb-org") || "");
    return { key: key, title: link.textContent.trim(), org: org,
             applyBy: deadline ? deadline.getAttribute("datetime") : null };
  }

  function dressCard(card) {
    if (card.mbDressed) return;
    var item = cardItem(card);
    if (!item) return;
    card.mbDressed = true;
    var holder = document.createElement("p");
    holder.className = "mb-card__save";
    holder.appendChild(saveButton(item));
    card.appendChild(holder);
    markNew(card, item.key);
  }

  function dressPosting(article) {
    if (article.classList.contains("mb-posting--closed")) return;
    var key = keyOf(location.href);
    var time = article.querySelector(".mb-fact--deadline time");
    var item = { key: key, title: text(article, "h1"), org: text(article, ".mb-eyebrow a"),
                 applyBy: time ? time.getAttribute("datetime") : null };
    var holder = document.createElement("p");
    holder.className = "mb-posting__save";
    holder.appendChild(saveButton(item));
    var facts = article.querySelector(".mb-facts");
    article.insertBefore(holder, facts ? facts.nextSibling : article.firstChild);
  }

  // ---------------------------------------------------------------- the board: Saved (N) and New

  var board = document.querySelector("[data-mb-board]");
  var toggleButton = null, panel = null, openRows = null;

  // Keys of the open postings (board-keys.json), for the saved list's Closed marks: loaded when it opens.
  function openKeys() {
    if (!openRows) {
      openRows = fetch(board.getAttribute("data-keys"), { credentials: "same-origin" })
        .then(function (response) { return response.json(); })
        .then(function (raw) {
          var keys = {};
          raw.keys.forEach(function (key) { keys["projects/" + key + "/"] = true; });
          return keys;
        });
    }
    return openRows;
  }

  // Postings that went up after `since` (an ISO day): the posting index's rows come newest first, so
  // its runs are read only until one reaches an older posting; a quiet week costs one small file.
  var newKeys = null;
  function postedSince(since) {
    if (!newKeys) {
      var keys = {};
      var next = function (chunk) {
        return fetch(new URL("search/rows-" + chunk + ".json", root).href, { credentials: "same-origin" })
          .then(function (response) { return response.ok ? response.json() : []; })
          .then(function (rows) {
            for (var i = 0; i < rows.length; i++) {
              if (rows[i][3] <= since) return keys;
              keys[rows[i][0].replace(/index\.html$/, "")] = true;
            }
            return rows.length ? next(chunk + 1) : keys;
          });
      };
      newKeys = next(0);
    }
    return newKeys;
  }

  function buildPanel() {
    var results = board.querySelector(".mb-board__results") || board;
    var bar = document.createElement("p");
    bar.className = "mb-saved-bar";
    toggleButton = document.createElement("button");
    toggleButton.type = "button";
    toggleButton.className = "md-button mb-saved-toggle";
    toggleButton.setAttribute("aria-expanded", "false");
    toggleButton.setAttribute("aria-controls", "mb-saved");
    toggleButton.addEventListener("click", function () {
      var open = panel.hidden;
      panel.hidden = !open;
      toggleButton.setAttribute("aria-expanded", open ? "true" : "false");
      if (open) fillPanel();
    });
    bar.appendChild(toggleButton);
    panel = document.createElement("section");
    panel.id = "mb-saved";
    panel.className = "mb-saved";
    panel.setAttribute("aria-label", WORDS.savedTitle);
    panel.hidden = true;
    results.insertBefore(panel, results.firstChild);
    results.insertBefore(bar, panel);
  }

  function fillPanel() {
    var keys = Object.keys(saved).sort(function (a, b) {
      return String(saved[a].applyBy).localeCompare(String(saved[b].applyBy));
    });
    panel.textContent = "";
    var heading = document.createElement("h2");
    heading.textContent = WORDS.savedTitle;
    panel.appendChild(heading);
    var note = document.createElement("p");
    note.className = "mb-saved__note";
    note.textContent = keys.length ? WORDS.kept : WORDS.none;
    panel.appendChild(note);
    if (!keys.length) return;
    var list = document.createElement("ul");
    list.className = "mb-saved__list";
    panel.appendChild(list);
    openKeys().then(function (open) { return open; }, function () { return null; }).then(function (open) {
      var day = today();
      keys.forEach(function (key) {
        var item = saved[key], li = document.createElement("li");
        var link = document.createElement("a");
        link.href = new URL(key, root).href;
        link.textContent = item.title;
        li.appendChild(link);
        li.appendChild(document.createTextNode(" · " + item.org + " "));
        var closed = (item.applyBy && item.applyBy < day) || (open && !(key in open));
        if (closed) {
          var mark = document.createElement("strong");
          mark.className = "mb-saved__closed";
          mark.textContent = WORDS.closed;
          li.appendChild(mark);
          li.classList.add("mb-saved--closed");
        }
        var remove = document.createElement("button");
        remove.type = "button";
        remove.className = "mb-saved__remove";
        remove.textContent = WORDS.remove;
        remove.setAttribute("aria-label", WORDS.remove + ": " + item.title);
        remove.addEventListener("click", function () { toggle({ key: key }); fillPanel(); });
        li.appendChild(remove);
        list.appendChild(li);
      });
      var clear = document.createElement("button");
      clear.type = "button";
      clear.className = "mb-saved__clear";
      clear.textContent = WORDS.clear;
      clear.addEventListener("click", function () { saved = {}; write("saved", saved); refresh(); fillPanel(); });
      panel.appendChild(clear);
    });
  }

  function refresh() {
    saved = read("saved", {});
    buttons = buttons.filter(function (b) { return b.isConnected; });
    buttons.forEach(paint);
    if (toggleButton) toggleButton.textContent = WORDS.savedCount.replace("{n}", Object.keys(saved).length);
  }

  // The last visit before this one: page views within half an hour are one visit.
  var visits = read("visits", null), now = Date.now();
  var previous = null;
  if (visits && typeof visits.last === "number") {
    previous = now - visits.last > SESSION ? visits.last : visits.previous;
  }
  write("visits", { last: now, previous: previous });
  var since = previous ? new Date(previous - new Date(previous).getTimezoneOffset() * 60000).toISOString().slice(0, 10) : null;

  function markNew(card, key) {
    if (!since) return;
    postedSince(since).then(function (fresh) {
      if (!(key in fresh)) return;
      var own = card.querySelector(".mb-slot-new");  // the card's own mark (posted within the last week)
      if (own) { own.hidden = false; return; }
      if (card.querySelector(".mb-new")) return;
      var mark = document.createElement("span");
      mark.className = "mb-new";
      mark.textContent = WORDS["new"];
      var meta = card.querySelector(".mb-card__meta, .mb-row > p") || card.querySelector(".mb-card__title");
      meta.insertBefore(mark, meta.firstChild);
    }, function () {});
  }

  // ---------------------------------------------------------------- start

  function start() {
    if (board) buildPanel();
    Array.prototype.forEach.call(document.querySelectorAll(".mb-card, .mb-row"), dressCard);
    var article = document.querySelector("article.mb-posting");
    if (article) dressPosting(article);
    var results = document.getElementById("mb-results");
    if (results && window.MutationObserver) {
      new MutationObserver(function () {
        Array.prototype.forEach.call(results.querySelectorAll(".mb-card"), dressCard);
      }).observe(results, { childList: true });
    }
    window.addEventListener("storage", function (event) { if (event.key === NS + "saved") refresh(); });
    refresh();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
