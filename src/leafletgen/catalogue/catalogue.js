// Filter the cards as you type: a card stays when its text has every word typed.
(function () {
  "use strict";
  var panel = document.getElementById("search-panel");
  var input = document.getElementById("search");
  var clear = document.getElementById("search-clear");
  var status = document.getElementById("search-status");
  var none = document.getElementById("no-results");
  var cards = Array.prototype.slice.call(document.querySelectorAll(".card"));
  var groups = Array.prototype.slice.call(document.querySelectorAll(".group"));
  var nav = document.querySelector(".series-nav");
  var total = cards.length;
  var timer = null;

  // The same folding as the page's index: lower case, accents removed.
  function fold(text) {
    return text.toLowerCase().normalize("NFKD").replace(/\p{M}/gu, "");
  }
  function leaflets(n) {
    return n === 1 ? "1 leaflet" : n + " leaflets";
  }
  function say(message) {
    // Wait for a pause in typing, so a screen reader is not read every keystroke.
    clearTimeout(timer);
    timer = setTimeout(function () { status.textContent = message; }, 250);
  }
  function filter() {
    var query = input.value.trim();
    var words = fold(query).split(/\s+/).filter(Boolean);
    var shown = 0;
    cards.forEach(function (card) {
      var text = card.getAttribute("data-search");
      var match = words.every(function (word) { return text.indexOf(word) !== -1; });
      card.hidden = !match;
      if (match) { shown += 1; }
    });
    groups.forEach(function (group) {
      group.hidden = !group.querySelector(".card:not([hidden])");
    });
    none.hidden = shown > 0;
    clear.hidden = words.length === 0;
    if (nav) { nav.hidden = words.length > 0; }
    if (!words.length) {
      say(leaflets(total));
    } else if (shown === 0) {
      say("No leaflet matches \u201c" + query + "\u201d");
    } else {
      say(shown + " of " + leaflets(total) + (shown === 1 ? " matches" : " match") +
          " \u201c" + query + "\u201d");
    }
  }

  panel.hidden = false;
  input.addEventListener("input", filter);
  input.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && input.value) {
      input.value = "";
      filter();
    }
  });
  clear.addEventListener("click", function () {
    input.value = "";
    filter();
    input.focus();
  });
  // Coming back from a PDF, the browser may have kept what was typed.
  window.addEventListener("pageshow", filter);
  filter();
}());
