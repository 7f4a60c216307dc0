/* Microboard quick filters: the row of one-tap buttons above the results on a phone (#mb-quickbar).
 *
 * Each button sets one control of the filter panel and lets board.js apply it, so the panel, the summary
 * above the results, the address and Back keep one state. A button is pressed while its filter is on. Its
 * count, like the panel's options, is what the list would show with it and the other filters as they are
 * (board.js's "mb-filtered" event, once board.json is in); one that would show nothing is disabled unless
 * it is pressed. A tap brings the row to the top of the screen, with the count and the first results below
 * it, and the tapped button to the middle of the row. Without board.js's filters the row stays hidden and
 * the "Narrow down" links serve.
 */
(function () {
  "use strict";

  var board = document.querySelector("[data-mb-board]");
  var bar = board && board.querySelector("#mb-quickbar");
  var form = board && board.querySelector("#mb-filters");
  if (!bar || !form || !board.classList.contains("mb-board--js")) return;  // board.js did not start
  var buttons = Array.prototype.slice.call(bar.querySelectorAll(".mb-quick"));

  function control(button) {
    return form.elements[button.getAttribute("data-name")];
  }

  function isOn(button, state) {
    var name = button.getAttribute("data-name"), value = button.getAttribute("data-value");
    var current = state ? state[name] : control(button).type === "checkbox" ? control(button).checked
      : control(button).value;
    if (typeof current === "boolean") return current;
    if (name === "hmax" || name === "open") return current !== "" && Number(current) === Number(value);
    return current === value;
  }

  function mark(state) {
    buttons.forEach(function (button) { button.setAttribute("aria-pressed", String(isOn(button, state))); });
  }

  // What the list would show with this button's filter on and the others as they are.
  function countOf(button, state, counts) {
    var name = button.getAttribute("data-name"), value = button.getAttribute("data-value");
    if (name === "field" || name === "remote" || name === "mentored") return counts.facet(name, value);
    var other = JSON.parse(JSON.stringify(state));
    other[name] = value;
    return counts.count(other);
  }

  bar.addEventListener("click", function (event) {
    var button = event.target.closest(".mb-quick");
    if (!button || button.disabled) return;
    var box = control(button);
    if (box.type === "checkbox") box.checked = !box.checked;
    else box.value = isOn(button) ? "" : button.getAttribute("data-value");
    mark();
    box.dispatchEvent(new Event("change", { bubbles: true }));  // board.js applies it as the panel's own change
    // the row to the top of the screen, the count, the summary and the first results in view below it;
    // the tapped button to the middle of the row, the buttons beside it in reach
    bar.scrollIntoView({ block: "start", inline: "nearest" });
    var row = bar.getBoundingClientRect(), at = button.getBoundingClientRect();
    bar.scrollLeft += at.left + at.width / 2 - (row.left + row.width / 2);
  });

  board.addEventListener("mb-filtered", function (event) {
    var state = event.detail.state, counts = event.detail.counts;
    mark(state);
    if (!counts) return;
    buttons.forEach(function (button) {
      var n = countOf(button, state, counts), on = isOn(button, state);
      var number = button.querySelector(".mb-n");
      if (number) number.textContent = counts.text(n);
      button.disabled = n === 0 && !on;
    });
  });

  mark();
  bar.hidden = false;
})();
