// Filter the cards as you type: a card stays when its text has every word typed, and,
// when a language is chosen, when it has a leaflet in that language (its own, or a
// translation's: that translation is then moved to the top of the card).
(function () {
  "use strict";
  var panel = document.getElementById("search-panel");
  var input = document.getElementById("search");
  var clear = document.getElementById("search-clear");
  var language = document.getElementById("language");  // only when there are two or more
  var status = document.getElementById("search-status");
  var none = document.getElementById("no-results");
  var cards = Array.prototype.slice.call(document.querySelectorAll(".card"));
  var groups = Array.prototype.slice.call(document.querySelectorAll(".group"));
  var nav = document.querySelector(".series-nav");
  var total = cards.length;
  var timer = null;
  var arranged = "";  // the language the translations are arranged for

  // Where each card's translations are written, to put them back when no language is chosen.
  var homes = cards.map(function (card) {
    var block = card.querySelector(".translations");
    if (!block) { return null; }
    return {
      card: card, block: block, parent: block.parentNode, next: block.nextSibling,
      list: block.querySelector(".translation-list"),
      items: Array.prototype.slice.call(block.querySelectorAll(".translation"))
    };
  });

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
  function chosen() {
    return language ? language.value : "";
  }
  function languageName() {
    return language.options[language.selectedIndex].text;
  }
  function inLanguage(card, lang) {
    return !lang || (" " + card.getAttribute("data-langs") + " ").indexOf(" " + lang + " ") !== -1;
  }
  // The chosen language's translation first, above the card's own facts and files; the
  // order they were written in otherwise. The page's order is the order Tab follows.
  function arrange(home, lang) {
    var first = null;
    home.items.forEach(function (item) {
      item.classList.remove("chosen");
      home.list.appendChild(item);
      if (lang && item.getAttribute("data-lang") === lang) { first = item; }
    });
    var facts = home.card.querySelector(".facts");
    if (first && facts) {
      first.classList.add("chosen");
      home.list.insertBefore(first, home.list.firstChild);
      facts.parentNode.insertBefore(home.block, facts);
    } else {
      home.parent.insertBefore(home.block, home.next);
    }
  }
  function describe(shown, query, lang) {
    var where = lang ? " in " + languageName() : "";
    if (!query && !lang) {
      return leaflets(total);
    }
    if (!query) {
      return shown + " of " + leaflets(total) + (shown === 1 ? " is" : " are") +
        " available" + where;
    }
    if (shown === 0) {
      return "No leaflet" + where + " matches \u201c" + query + "\u201d";
    }
    return shown + " of " + leaflets(total) + where + (shown === 1 ? " matches" : " match") +
      " \u201c" + query + "\u201d";
  }
  function filter() {
    var query = input.value.trim();
    var words = fold(query).split(/\s+/).filter(Boolean);
    var lang = chosen();
    var shown = 0;
    if (lang !== arranged) {
      homes.forEach(function (home) { if (home) { arrange(home, lang); } });
      arranged = lang;
    }
    cards.forEach(function (card) {
      var text = card.getAttribute("data-search");
      var match = inLanguage(card, lang) &&
        words.every(function (word) { return text.indexOf(word) !== -1; });
      card.hidden = !match;
      if (match) { shown += 1; }
    });
    groups.forEach(function (group) {
      group.hidden = !group.querySelector(".card:not([hidden])");
    });
    none.hidden = shown > 0;
    clear.hidden = words.length === 0;
    if (nav) { nav.hidden = words.length > 0 || lang !== ""; }
    say(describe(shown, words.length ? query : "", lang));
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
  if (language) { language.addEventListener("change", filter); }
  // Coming back from a PDF, the browser may have kept what was typed and chosen.
  window.addEventListener("pageshow", filter);
  filter();
}());
