/* The colour scheme a visitor chose on the theme's pages (Material stores it per site, under the site root's path
   + ".__palette"), else the system's, on the documents' <body>. Loaded without defer as the body's first element,
   so it runs before the first paint and the page never flashes the wrong scheme. Without script, document.css
   follows the system's scheme. The site root comes from the page's #__config, as the theme's own pages give it. */
(function (body) {
  var scheme;
  try {
    var base = JSON.parse(document.getElementById("__config").textContent).base;
    scheme = JSON.parse(localStorage.getItem(new URL(base, location).pathname + ".__palette")).color.scheme;
  } catch (e) { /* no choice stored, or storage blocked */ }
  body.dataset.mdColorScheme = scheme == "default" || scheme == "slate" ? scheme
    : matchMedia("(prefers-color-scheme:dark)").matches ? "slate" : "default";
})(document.body);
