/* Microboard posting page: past its deadline by the visitor's own date, the page says so.
 *
 * The server marks an open posting with its apply-by date and renders its closed note hidden.
 * A site whose daily build has stopped would otherwise show a closed opportunity as open:
 * when the visitor's calendar day is after the apply-by date, the note is shown and the ways
 * to apply are hidden. Without JavaScript the build's verdict stands. The words are the page's.
 */
(function () {
  "use strict";

  var page = document.querySelector("[data-mb-apply-by]");
  if (!page) return;
  var now = new Date();
  var today = [now.getFullYear(), String(now.getMonth() + 1).padStart(2, "0"),
               String(now.getDate()).padStart(2, "0")].join("-");
  if (today <= page.getAttribute("data-mb-apply-by")) return;  // ISO dates compare as text
  page.classList.add("mb-posting--closed");
  Array.prototype.forEach.call(page.querySelectorAll("[data-mb-closed-later]"), function (node) { node.hidden = false; });
  Array.prototype.forEach.call(page.querySelectorAll("[data-mb-open-only]"), function (node) { node.hidden = true; });
})();
