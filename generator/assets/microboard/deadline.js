/* Microboard pages other than the board: deadlines judged by the visitor's own date.
 *
 * A site whose daily build has stopped (a paused schedule, a failed run) would otherwise show a
 * closed opportunity as open. On a posting page the server marks an open posting with its
 * apply-by date and renders its closed note hidden: after that date the note is shown and the
 * ways to apply are hidden. On field, skill and organization pages, rows past their apply-by
 * date are taken off. "Closes in 3 days" was counted from the build's day: on another day it is
 * hidden rather than wrong. Without JavaScript the build's verdict stands. The words are the page's.
 */
(function () {
  "use strict";

  var now = new Date();
  var today = [now.getFullYear(), String(now.getMonth() + 1).padStart(2, "0"),
               String(now.getDate()).padStart(2, "0")].join("-");  // ISO dates compare as text

  function each(root, selector, action) {
    Array.prototype.forEach.call(root.querySelectorAll(selector), action);
  }

  var posting = document.querySelector("[data-mb-apply-by]");
  if (posting && today > posting.getAttribute("data-mb-apply-by")) {
    posting.classList.add("mb-posting--closed");
    each(posting, "[data-mb-closed-later]", function (node) { node.hidden = false; });
    each(posting, "[data-mb-open-only]", function (node) { node.hidden = true; });
  }

  var built = document.querySelector("[data-mb-built]");
  if (built && today !== built.getAttribute("data-mb-built")) {
    each(built, ".mb-slot-closes, [data-mb-closes]", function (node) { node.hidden = true; });
  }

  each(document, "[data-mb-listing] .mb-card, [data-mb-listing] .mb-row", function (item) {
    var deadline = item.querySelector("time[datetime]");
    if (deadline && today > deadline.getAttribute("datetime")) item.remove();
  });
})();
