/* Sortable risk register: click a column heading. The evidence passage named by the
   URL's #ev-N is highlighted whole (it may be cut into pieces). Title attributes are kept
   text: with content.tooltips on, Material renders an element's title as HTML (and makes
   titles itself from the text of truncated nav and header entries, which are brief titles).
   The theme's search dialog gets an accessible name (its markup has none; this file ships
   with the plugin's pages and with `briefing generate`'s tree alike). No third-party code. */
(function () {
  var escaped = new WeakMap();
  function tooltipsOn() {
    var config = document.getElementById("__config");
    try {
      return JSON.parse(config.textContent).features.indexOf("content.tooltips") >= 0;
    } catch (err) {
      return false;
    }
  }
  function escapeTitle(el) {
    var title = el.getAttribute("title");
    if (title === null || escaped.get(el) === title) return;
    var safe = title.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
    escaped.set(el, safe);
    if (safe !== title) el.setAttribute("title", safe);
  }
  function guardTitles() {
    if (!tooltipsOn()) return;
    document.querySelectorAll("[title]").forEach(escapeTitle);
    new MutationObserver(function (changes) {
      changes.forEach(function (change) {
        if (change.type === "attributes") return escapeTitle(change.target);
        change.addedNodes.forEach(function (node) {
          if (node.nodeType !== 1) return;
          escapeTitle(node);
          node.querySelectorAll("[title]").forEach(escapeTitle);
        });
      });
    }).observe(document.documentElement,
      { subtree: true, childList: true, attributes: true, attributeFilter: ["title"] });
  }
  guardTitles();
  function cellValue(row, index) {
    var cell = row.children[index];
    if (!cell) return "";
    var sortKey = cell.getAttribute("data-sort");
    var text = sortKey !== null ? sortKey : cell.textContent.trim();
    var number = parseFloat(text);
    return isNaN(number) ? text.toLowerCase() : number;
  }
  function makeSortable(table) {
    if (table.dataset.sortable === "ready") return;
    table.dataset.sortable = "ready";
    var headers = table.querySelectorAll("thead th");
    headers.forEach(function (th, index) {
      th.setAttribute("role", "button");
      th.setAttribute("tabindex", "0");
      var ascending = true;
      function sort() {
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = cellValue(a, index), y = cellValue(b, index);
          return (x < y ? -1 : x > y ? 1 : 0) * (ascending ? 1 : -1);
        });
        rows.forEach(function (row) { body.appendChild(row); });
        headers.forEach(function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        ascending = !ascending;
      }
      th.addEventListener("click", sort);
      th.addEventListener("keydown", function (e) { if (e.key === "Enter") sort(); });
    });
  }
  function highlightEvidence() {
    document.querySelectorAll("mark.ev-current").forEach(function (mark) {
      mark.classList.remove("ev-current");
    });
    var match = /^#(ev-\d+)$/.exec(window.location.hash);
    if (!match) return;
    document.querySelectorAll('mark.evidence[data-notes~="' + match[1] + '"]')
      .forEach(function (mark) { mark.classList.add("ev-current"); });
  }
  function nameSearchDialog() {
    document.querySelectorAll('.md-search[role="dialog"]').forEach(function (dialog) {
      if (!dialog.hasAttribute("aria-label") && !dialog.hasAttribute("aria-labelledby")) {
        dialog.setAttribute("aria-label", "Search");
      }
    });
  }
  function focusScrollingTables() {
    // a table wider than the page scrolls in its own box: keyboard users must reach it
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (box) {
      if (box.scrollWidth > box.clientWidth) box.setAttribute("tabindex", "0");
      else box.removeAttribute("tabindex");
    });
  }
  function init() {
    nameSearchDialog();
    focusScrollingTables();
    document.querySelectorAll("table.sortable").forEach(makeSortable);
    highlightEvidence();
  }
  window.addEventListener("hashchange", highlightEvidence);
  window.addEventListener("resize", focusScrollingTables);
  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(init);
  } else {
    document.addEventListener("DOMContentLoaded", init);
  }
})();
