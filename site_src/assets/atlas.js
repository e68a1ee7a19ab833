/* Accessibility: mkdocs-material's search dialog has no accessible name; give it the
   (localized) label of its own search field. */
(function () {
  "use strict";
  var dialog = document.querySelector(".md-search[role=dialog]");
  var input = document.querySelector(".md-search__input");
  if (dialog && input && !dialog.hasAttribute("aria-label")) {
    dialog.setAttribute("aria-label", input.getAttribute("aria-label") || input.placeholder);
  }
})();

/* Filters on the compare page. The table is complete without JavaScript; this only hides rows
   and columns. */
(function () {
  "use strict";
  var form = document.querySelector("[data-atlas-filters]");
  var table = document.querySelector("[data-atlas-compare]");
  if (!form || !table) return;
  form.hidden = false;
  var output = form.querySelector("output");
  var label = table.getAttribute("data-count-label");

  function apply() {
    var cls = form.elements["class"].value;
    var source = form.elements["source"].value;
    var onlyDisagree = form.elements["disagree"].checked;
    var shown = 0;
    table.querySelectorAll("tbody").forEach(function (group) {
      var groupVisible = !cls || group.getAttribute("data-class") === cls;
      var any = false;
      group.querySelectorAll("tr[data-code]").forEach(function (row) {
        var users = (row.getAttribute("data-users") || "").split(" ");
        var visible = groupVisible &&
          (!source || users.indexOf(source) !== -1) &&
          (!onlyDisagree || row.getAttribute("data-disagree") === "true");
        row.hidden = !visible;
        if (visible) { shown += 1; any = true; }
      });
      group.hidden = !any;
    });
    table.querySelectorAll("[data-source]").forEach(function (cell) {
      cell.hidden = Boolean(source) && cell.getAttribute("data-source") !== source;
    });
    output.textContent = shown + " " + label;
  }

  form.addEventListener("change", apply);
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  apply();
})();
