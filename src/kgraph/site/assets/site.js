// kdrama-kgraph site: sorting the drama table, filtering the scene list, and search.
// Plain JavaScript over data already in the page; nothing is fetched.
(function () {
  "use strict";

  function sortable(table) {
    var body = table.tBodies[0];
    table.querySelectorAll("th button[data-key]").forEach(function (button) {
      button.addEventListener("click", function () {
        var th = button.parentNode;
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        table.querySelectorAll("th").forEach(function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var key = button.dataset.key, numeric = button.dataset.type === "number";
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = a.dataset[key], y = b.dataset[key];
          var order = numeric ? (Number(x) || 0) - (Number(y) || 0) : x.localeCompare(y);
          if (order === 0) { order = a.dataset.title.localeCompare(b.dataset.title); }
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  }

  function filters(form) {
    var table = document.getElementById(form.getAttribute("aria-controls"));
    var shown = document.getElementById("shown");
    function apply() {
      var wanted = {};
      form.querySelectorAll("select").forEach(function (select) {
        if (select.value) { wanted[select.name] = select.value; }
      });
      var rows = table.tBodies[0].rows, count = 0;
      for (var i = 0; i < rows.length; i++) {
        var codes = (rows[i].dataset.f || "").split(" ");  // the codes of the options the row matches
        var keep = Object.keys(wanted).every(function (key) {
          return codes.indexOf(wanted[key]) !== -1;
        });
        rows[i].hidden = !keep;
        if (keep) { count++; }
      }
      shown.textContent = count + " of " + rows.length + " scenes shown.";
    }
    form.addEventListener("change", apply);
    form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
    apply();
  }

  // The same folding as kgraph.site.search.fold: lower case, no spaces, hyphens, dots or apostrophes.
  function fold(text) {
    return text.normalize("NFKC").toLowerCase().replace(/[\s\-\u2010\u2011\u2013\u2014.'\u2019\u00b7,:]+/g, "");
  }

  var KINDS = { drama: "drama", person: "person", character: "character", concept: "term", network: "network", scene: "scene" };

  function search(input) {
    var index = window.KGRAPH_SEARCH || [];
    var list = document.getElementById("results"), count = document.getElementById("count");
    function run() {
      var wanted = fold(input.value);
      list.textContent = "";
      if (!wanted) { count.textContent = ""; return; }
      var found = index.filter(function (entry) {
        return entry.f.some(function (key) { return key.indexOf(wanted) !== -1; });
      });
      found.sort(function (a, b) {
        var ax = a.f.indexOf(wanted) !== -1 ? 0 : 1, bx = b.f.indexOf(wanted) !== -1 ? 0 : 1;
        return ax - bx || a.n.localeCompare(b.n);
      });
      count.textContent = found.length + (found.length === 1 ? " match" : " matches");
      found.slice(0, 100).forEach(function (entry) {
        var item = document.createElement("li"), link = document.createElement("a");
        link.href = entry.u;
        link.textContent = entry.n;
        item.appendChild(link);
        if (entry.k && entry.k !== entry.n) {
          var ko = document.createElement("span");
          ko.lang = "ko";
          ko.textContent = " " + entry.k;
          item.appendChild(ko);
        }
        var kind = document.createElement("small");
        kind.textContent = " " + (KINDS[entry.t] || entry.t) + (entry.d ? ", " + entry.d : "");
        item.appendChild(kind);
        list.appendChild(item);
      });
    }
    input.addEventListener("input", run);
    var asked = new URLSearchParams(window.location.search).get("q");
    if (asked) { input.value = asked; }
    run();
  }

  document.querySelectorAll("table.sortable").forEach(sortable);
  var form = document.getElementById("filters");
  if (form) { filters(form); }
  var box = document.getElementById("search-form");
  if (box) {
    box.addEventListener("submit", function (event) { event.preventDefault(); });
    search(document.getElementById("q"));
  }
})();
