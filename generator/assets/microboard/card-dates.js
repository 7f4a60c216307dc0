/* Microboard: the parts of a card that depend on the day it is read (the deadline and posted dates,
 * "closes in 5 days", "New"), for the board's script and for deadline.js.
 *
 * The words and limits come from the build (generator/formats.py, browser_words): in board.json for
 * the board, in words.js (window.microboardWords) on other pages. This file holds the rule only, and a
 * parity test holds it to the server's.
 */
(function () {
  "use strict";

  var DAY = 86400000;

  function phrase(words, key, count, values) {
    var text = words.phrases[key];
    if (Array.isArray(text)) text = count === 1 ? text[0] : text[1];
    return text.replace(/\{(\w+)\}/g, function (all, name) {
      return Object.prototype.hasOwnProperty.call(values || {}, name) ? String(values[name]) : all;
    });
  }

  function dayText(words, iso) {  // "2027-03-05": "5 Mar 2027"
    var parts = iso.split("-").map(Number);
    return phrase(words, "day", null, { day: parts[2], month: words.months[parts[1] - 1], year: parts[0] });
  }

  function daysBetween(fromIso, toIso) {
    return Math.round((Date.parse(toIso + "T00:00:00Z") - Date.parse(fromIso + "T00:00:00Z")) / DAY);
  }

  function closesText(words, days) {
    if (days < 0) return phrase(words, "closed");
    if (days === 0) return phrase(words, "closes-today");
    if (days === 1) return phrase(words, "closes-tomorrow");
    if (days < words.daysBelow) return phrase(words, "closes-in-days", days, { n: days });
    if (days < words.weeksBelow) {
      var weeks = Math.floor(days / 7);
      return phrase(words, "closes-in-weeks", weeks, { n: weeks });
    }
    return "";  // far off: the date says it
  }

  function isNew(words, age) {
    return age >= 0 && age < words.newFor;
  }

  function visitorDay() {  // the visitor's own calendar day, as an ISO date
    var now = new Date();
    return [now.getFullYear(), String(now.getMonth() + 1).padStart(2, "0"),
            String(now.getDate()).padStart(2, "0")].join("-");
  }

  window.MicroboardCards = { phrase: phrase, dayText: dayText, daysBetween: daysBetween, closesText: closesText,
                             isNew: isNew, visitorDay: visitorDay };
})();
