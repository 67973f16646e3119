// egovscan report: sort any table.sortable by a header click; filter the ranking by its
// selects and search box. Works offline; reads only the page's own, already escaped, text.
(function () {
  "use strict";
  function cellValue(row, index, numeric) {
    var cell = row.cells[index];
    var raw = cell ? (cell.getAttribute("data-sort") || cell.textContent.trim()) : "";
    if (numeric) { var n = parseFloat(raw); return isNaN(n) ? -Infinity : n; }
    return raw.toLowerCase();
  }
  document.querySelectorAll("table.sortable").forEach(function (table) {
    var headers = table.tHead ? table.tHead.rows[0].cells : [];
    Array.prototype.forEach.call(headers, function (th, index) {
      th.addEventListener("click", function () {
        var numeric = th.getAttribute("data-type") === "number";
        var ascending = !th.classList.contains("sorted-asc");
        Array.prototype.forEach.call(headers, function (h) { h.classList.remove("sorted-asc", "sorted-desc"); });
        th.classList.add(ascending ? "sorted-asc" : "sorted-desc");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = cellValue(a, index, numeric), y = cellValue(b, index, numeric);
          return (x < y ? -1 : x > y ? 1 : 0) * (ascending ? 1 : -1);
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  });
  var ranking = document.querySelector("table.ranking");
  if (ranking) {
    var selects = document.querySelectorAll("select[data-filter]");
    var search = document.querySelector("input[data-search]");
    var apply = function () {
      var needle = search ? search.value.trim().toLowerCase() : "";
      Array.prototype.forEach.call(ranking.tBodies[0].rows, function (row) {
        var show = true;
        selects.forEach(function (select) {
          if (select.value && row.getAttribute("data-" + select.getAttribute("data-filter")) !== select.value) { show = false; }
        });
        if (needle && row.textContent.toLowerCase().indexOf(needle) < 0) { show = false; }
        row.classList.toggle("hidden", !show);
      });
    };
    selects.forEach(function (select) { select.addEventListener("change", apply); });
    if (search) { search.addEventListener("input", apply); }
  }
  document.body.setAttribute("data-report-ready", "1");
}());
