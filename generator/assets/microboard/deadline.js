/* Microboard pages other than the board: deadlines judged by the visitor's own date.
 *
 * A site whose daily build has stopped (a paused schedule, a failed run) would otherwise show a
 * closed opportunity as open. On a posting page the server marks an open posting with its
 * apply-by date and renders its closed note hidden: after that date the note is shown and the
 * ways to apply are hidden. On field, skill and organization pages, rows (and cards) past their apply-by
 * date are taken off. "Closes in 3 days" and "New" were written for the build's day: on another day
 * they are written again for the visitor's (card-dates.js, with the words of words.js), or hidden
 * when the page carries no words. Without JavaScript the build's verdict stands.
 */
(function () {
  "use strict";

  var cards = window.MicroboardCards;
  var today = cards ? cards.visitorDay() : new Date().toISOString().slice(0, 10);  // ISO dates compare as text

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
  var words = null;  // the build's words and limits (generator/formats.py); a page without them hides its "closes in"
  try {  // the words are the site's (words.js), or the page's own where a template still gives them
    words = !cards || !built ? null : built.hasAttribute("data-mb-words") ? JSON.parse(built.getAttribute("data-mb-words"))
      : (window.microboardWords || {}).cards || null;
  } catch (error) { words = null; }

  function rewrite(node, applyBy) {
    if (!words || !applyBy) { node.hidden = true; return; }
    node.textContent = cards.closesText(words, cards.daysBetween(today, applyBy));
  }

  if (built && today !== built.getAttribute("data-mb-built")) {
    each(built, "[data-mb-closes]", function (node) {
      rewrite(node, posting && posting.getAttribute("data-mb-apply-by"));
    });
    each(built, ".mb-card, .mb-row", function (card) {
      var deadline = card.querySelector(".mb-slot-deadline[datetime]");
      var closes = card.querySelector(".mb-slot-closes");
      if (closes) rewrite(closes, deadline && deadline.getAttribute("datetime"));
      var posted = card.querySelector(".mb-slot-posted[datetime]");
      var badge = card.querySelector(".mb-slot-new");
      if (badge) {
        badge.hidden = !(words && posted
                         && cards.isNew(words, cards.daysBetween(posted.getAttribute("datetime"), today)));
      }
    });
  }

  each(document, "[data-mb-listing] .mb-card, [data-mb-listing] .mb-row", function (card) {
    var deadline = card.querySelector(".mb-slot-deadline[datetime]");
    if (deadline && today > deadline.getAttribute("datetime")) card.remove();
  });
})();
