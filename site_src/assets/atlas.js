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
   and columns. The form is laid out from the start (its controls disabled until bound here),
   so nothing shifts when the script runs. */
(function () {
  "use strict";
  var form = document.querySelector("[data-atlas-filters]");
  var table = document.querySelector("[data-atlas-compare]");
  if (!form || !table) return;
  form.querySelectorAll("select, input").forEach(function (control) { control.disabled = false; });
  form.removeAttribute("data-pending");
  var output = form.querySelector("output");
  var label = table.getAttribute("data-count-label");

  function apply() {
    var cls = form.elements["class"].value;
    var chosen = [];
    form.querySelectorAll("input[name=source]").forEach(function (box) {
      if (box.checked) chosen.push(box.value);
    });
    var everyone = chosen.length === form.querySelectorAll("input[name=source]").length;
    var onlyDisagree = form.elements["disagree"].checked;
    var shown = 0;
    table.querySelectorAll("tbody").forEach(function (group) {
      var groupVisible = !cls || group.getAttribute("data-class") === cls;
      var any = false;
      group.querySelectorAll("tr[data-code]").forEach(function (row) {
        var users = (row.getAttribute("data-users") || "").split(" ");
        // every source chosen: the whole table, codes nobody uses included
        var used = everyone || chosen.some(function (id) { return users.indexOf(id) !== -1; });
        var visible = groupVisible && used &&
          (!onlyDisagree || row.getAttribute("data-disagree") === "true");
        row.hidden = !visible;
        if (visible) { shown += 1; any = true; }
      });
      group.hidden = !any;
    });
    table.querySelectorAll("[data-source]").forEach(function (cell) {
      cell.hidden = chosen.indexOf(cell.getAttribute("data-source")) === -1;
    });
    output.textContent = shown + " " + label;
  }

  form.addEventListener("change", apply);
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  apply();
})();

/* The guided path on the scenarios page. Without JavaScript it is a list of questions whose
   answers are links; with it, one question at a time, then the situation it leads to and the
   codes the chosen guideline prescribes there. Focus moves to each new step, and a live region
   reads it out. */
(function () {
  "use strict";
  var root = document.querySelector("[data-atlas-guide]");
  if (!root) return;
  var data = JSON.parse(root.querySelector(".atlas-guide-data").textContent);
  var labels = JSON.parse(root.getAttribute("data-labels"));
  var list = root.querySelector(".atlas-guide-list");
  var questions = {};
  list.querySelectorAll("[data-question]").forEach(function (item) {
    var step = { text: item.querySelector(".atlas-guide-q").textContent };
    item.querySelectorAll("[data-answer]").forEach(function (link) {
      step[link.getAttribute("data-answer")] = link.getAttribute("data-target");
    });
    questions[item.getAttribute("data-question")] = step;
  });

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  var form = el("form", { "class": "atlas-guide-form", novalidate: "" });
  var picker = el("label", { "class": "atlas-guide-picker" }, labels.guideline + " ");
  var select = el("select", { name: "guideline" });
  select.appendChild(el("option", { value: "" }, labels.any));
  Object.keys(data.sources).forEach(function (id) {
    select.appendChild(el("option", { value: id }, data.sources[id]));
  });
  picker.appendChild(select);
  var stage = el("div", { "class": "atlas-guide-stage", "aria-live": "polite" });
  form.appendChild(picker);
  form.appendChild(stage);
  list.hidden = true;
  root.appendChild(form);
  var path = [];

  function button(text, onClick, cls) {
    var b = el("button", { type: "button", "class": "md-button" + (cls ? " " + cls : "") }, text);
    b.addEventListener("click", onClick);
    return b;
  }

  function controls() {
    var bar = el("p", { "class": "atlas-guide-controls" });
    if (path.length > 1) bar.appendChild(button(labels.back, function () { path.pop(); show(); }));
    if (path.length > 1) bar.appendChild(button(labels.restart, function () { path = [start]; show(); }));
    return bar;
  }

  function showQuestion(id) {
    var q = questions[id];
    var heading = el("p", { "class": "atlas-guide-step", tabindex: "-1" },
      labels.step.replace("{number}", String(path.length)));
    var text = el("p", { "class": "atlas-guide-q", id: "atlas-guide-current" }, q.text);
    var answers = el("p", { "class": "atlas-guide-answers", role: "group", "aria-labelledby": "atlas-guide-current" });
    ["yes", "no"].forEach(function (answer) {
      answers.appendChild(button(labels[answer], function () { path.push(q[answer]); show(); },
        answer === "yes" ? "md-button--primary" : ""));
    });
    stage.replaceChildren(heading, text, answers, controls());
    return heading;
  }

  function showScenario(id) {
    var scenario = data.scenarios[id];
    var heading = el("p", { "class": "atlas-guide-step", tabindex: "-1" }, labels.result);
    var link = el("a", { href: scenario.href }, scenario.question);
    var title = el("p", { "class": "atlas-guide-q" });
    title.appendChild(link);
    var answers = el("ul", { "class": "atlas-guide-result" });
    var chosen = select.value;
    var ids = chosen ? [chosen] : Object.keys(scenario.answers);
    ids.forEach(function (source) {
      var item = el("li", {}, (data.sources[source] || source) + ": ");
      var codes = scenario.answers[source];
      if (!codes) {
        item.appendChild(document.createTextNode(labels.not_stated));
      } else {
        codes.forEach(function (code, index) {
          if (index) item.appendChild(document.createTextNode(", "));
          item.appendChild(el("a", { href: data.codeHref + code + "/" }, String(code)));
        });
      }
      answers.appendChild(item);
    });
    if (!ids.length) answers.appendChild(el("li", {}, labels.not_stated));
    var more = el("p", {});
    more.appendChild(el("a", { href: scenario.href }, labels.see));
    stage.replaceChildren(heading, title, answers, more, controls());
    return heading;
  }

  var start = "question:" + root.getAttribute("data-start");
  function show() {
    var current = path[path.length - 1];
    var kind = current.split(":")[0], id = current.slice(kind.length + 1);
    var heading = kind === "question" ? showQuestion(id) : showScenario(id);
    if (path.length > 1) heading.focus();
  }
  select.addEventListener("change", function () { if (path.length) show(); });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  path = [start];
  show();
})();
