/* Keeps the board's first view light: the theme's search downloads its whole index (hundreds of
   kilobytes on a large board) as soon as any page opens. This holds that request until a visitor
   reaches for search (focuses the search box, opens it, or arrives with ?q=), then lets it through.
   The theme's search worker (its script is another dozen kilobytes) starts then too, not when the page
   opens: until the theme first writes to it, it is a stand-in that keeps the listeners it is given.
   It also answers the theme's sitemap requests, which it makes for every <link rel="alternate">
   (here: the feed links) and which a board with thousands of pages cannot afford, with an error
   the theme already handles. Loaded in <head>, before the theme's script.

   The theme's search does not index postings (a whole board would be megabytes): as a visitor types,
   the postings that match come from the board's own word index (search.js, loaded then), above the
   theme's results, with a link that opens the board filtered by the same words. */
(function () {
  "use strict";
  var open = XMLHttpRequest.prototype.open, send = XMLHttpRequest.prototype.send;
  var held = [], wanted = /[?&]q=/.test(location.search);
  var here = document.currentScript ? document.currentScript.src : "";
  var SHOWN = 5;   // postings listed in the header; the board shows the rest

  function release() {
    wanted = true;
    while (held.length) { var item = held.shift(); send.apply(item[0], item[1]); }
  }

  XMLHttpRequest.prototype.open = function (method, url) {
    this.__mbUrl = String(url);
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var url = this.__mbUrl || "";
    if (/\/sitemap\.xml$/.test(url.split("?")[0])) {
      var xhr = this;
      setTimeout(function () { xhr.dispatchEvent(new Event("error")); }, 0);
      return;
    }
    if (!wanted && /\/search\/search_index\.json$/.test(url.split("?")[0])) {
      held.push([this, arguments]);
      return;
    }
    return send.apply(this, arguments);
  };

  // The theme's search worker, started on the theme's first message to it (sent once the index is let through).
  var RealWorker = window.Worker;
  function HeldWorker(url, options) {
    this.held = { url: url, options: options, listeners: [] };
    this.worker = null;
    this.onmessage = null;
    this.onerror = null;
  }
  HeldWorker.prototype.start = function () {
    if (this.worker) return this.worker;
    var self = this, worker = this.worker = new RealWorker(this.held.url, this.held.options);
    this.held.listeners.forEach(function (args) { worker.addEventListener.apply(worker, args); });
    worker.onmessage = function (event) { if (self.onmessage) self.onmessage(event); };
    worker.onerror = function (event) { if (self.onerror) self.onerror(event); };
    return worker;
  };
  HeldWorker.prototype.addEventListener = function () {
    if (this.worker) return this.worker.addEventListener.apply(this.worker, arguments);
    this.held.listeners.push(Array.prototype.slice.call(arguments));
  };
  HeldWorker.prototype.removeEventListener = function (type, listener) {
    if (this.worker) return this.worker.removeEventListener.apply(this.worker, arguments);
    this.held.listeners = this.held.listeners.filter(function (args) { return args[0] !== type || args[1] !== listener; });
  };
  HeldWorker.prototype.postMessage = function () {
    var worker = this.start();
    return worker.postMessage.apply(worker, arguments);
  };
  HeldWorker.prototype.terminate = function () { if (this.worker) this.worker.terminate(); };
  if (RealWorker) {
    window.Worker = function (url, options) {
      if (wanted || !/\/workers\/search\.[^/]*\.js$/.test(String(url).split("?")[0])) return new RealWorker(url, options);
      return new HeldWorker(url, options);
    };
    window.Worker.prototype = RealWorker.prototype;
  }

  document.addEventListener("focusin", function (event) {
    if (event.target && event.target.matches && event.target.matches(".md-search__input")) release();
  }, true);
  document.addEventListener("change", function (event) {
    if (event.target && event.target.id === "__search" && event.target.checked) release();
  }, true);

  // ---------------------------------------------------------------- postings in the header's results

  var typing = null, asked = "";

  function siteRoot() {
    var config = document.getElementById("__config");
    try {
      return new URL(JSON.parse(config.textContent).base.replace(/\/?$/, "/"), location.href).href;
    } catch (error) { return null; }
  }

  function searchScript() {
    if (window.microboardSearch) return Promise.resolve(window.microboardSearch);
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = here.replace(/lazy-search\.js(\?.*)?$/, "search.js");
      script.onload = function () { resolve(window.microboardSearch); };
      script.onerror = reject;
      document.head.appendChild(script);
    });
  }

  function block() {
    var results = document.querySelector(".md-search-result");
    if (!results) return null;
    var node = results.querySelector(".mb-search-projects");
    if (!node) {
      node = document.createElement("div");
      node.className = "mb-search-projects";
      results.insertBefore(node, results.firstChild);
    }
    return node;
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text != null) node.textContent = text;
    return node;
  }

  function show(query, result, rows, root) {
    var node = block();
    if (!node) return;
    node.textContent = "";
    var n = result.rows.length;
    if (!n) return;
    var words = result.text, count = n.toLocaleString();
    node.appendChild(element("p", "mb-search-projects__meta", (n === 1 ? words.projects[0] : words.projects[1]).replace("{n}", count)));
    var list = element("ol", "mb-search-projects__list");
    rows.forEach(function (row) {
      var item = element("li"), link = element("a", null, row[1]);
      link.href = root + row[0];
      item.appendChild(link);
      item.appendChild(element("span", "mb-search-projects__org", " · " + row[2]));
      list.appendChild(item);
    });
    node.appendChild(list);
    var all = element("a", "mb-search-projects__all", words.all.replace("{n}", count));
    all.href = root + result.board + "?text=" + encodeURIComponent(query);
    node.appendChild(element("p")).appendChild(all);
  }

  function lookUp(query) {
    var root = siteRoot();
    if (!root) return;
    asked = query;
    if (!query) { var node = block(); if (node) node.textContent = ""; return; }
    searchScript().then(function (search) { return search(query, root); }).then(function (result) {
      return result.details(result.rows.slice(0, SHOWN)).then(function (rows) {
        if (asked === query) show(query, result, rows, root);
      });
    }).catch(function () {});
  }

  document.addEventListener("input", function (event) {
    if (!event.target || !event.target.matches || !event.target.matches(".md-search__input")) return;
    var query = event.target.value.trim();
    clearTimeout(typing);
    typing = setTimeout(function () { lookUp(query); }, 150);
  }, true);
  // A link with ?q= opens the theme's search already filled in: show the postings for it too.
  if (wanted) window.addEventListener("load", function () {
    var input = document.querySelector(".md-search__input");
    if (input && input.value.trim()) lookUp(input.value.trim());
  });
})();
