/* Keeps the board's first view light: the theme's search downloads its whole index (hundreds of
   kilobytes on a large board) as soon as any page opens. This holds that request until a visitor
   reaches for search (focuses the search box, opens it, or arrives with ?q=), then lets it through.
   It also answers the theme's sitemap requests, which it makes for every <link rel="alternate">
   (here: the feed links) and which a board with thousands of pages cannot afford, with an error
   the theme already handles. Loaded in <head>, before the theme's script. */
(function () {
  "use strict";
  var open = XMLHttpRequest.prototype.open, send = XMLHttpRequest.prototype.send;
  var held = [], wanted = /[?&]q=/.test(location.search);

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

  document.addEventListener("focusin", function (event) {
    if (event.target && event.target.matches && event.target.matches(".md-search__input")) release();
  }, true);
  document.addEventListener("change", function (event) {
    if (event.target && event.target.id === "__search" && event.target.checked) release();
  }, true);
})();
