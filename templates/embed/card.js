(function () {
  "use strict";
  var root = document.documentElement;
  var options = new URLSearchParams(location.search);
  var theme = options.get("theme");
  if (theme === "light" || theme === "dark" || theme === "auto") root.setAttribute("data-theme", theme);

  var source = options.get("source");
  if (source) {
    var names = JSON.parse(document.getElementById("atlas-sources").textContent);
    var note = document.getElementById("atlas-note");
    var link = document.getElementById("atlas-link");
    /* The label with its {source} set as text (a replace() string would read "$&" in it). */
    var fill = function (label, value) { return note.getAttribute(label).split("{source}").join(value); };
    if (Object.prototype.hasOwnProperty.call(names, source)) {
      var anchor = "";
      document.querySelectorAll(".usages li").forEach(function (item) {
        item.hidden = item.getAttribute("data-source") !== source;
        if (!item.hidden && !anchor) anchor = item.getAttribute("data-anchor");
      });
      var none = document.querySelector(".none");
      if (none) none.hidden = true;
      if (anchor) link.hash = anchor;
      else note.textContent = fill("data-not-used", names[source]);
    } else {
      note.textContent = fill("data-unknown", source);
    }
    note.hidden = !note.textContent;
  }

  /* Tell the embedding page how tall the card is, so its iframe can fit it. */
  var last = 0;
  function tell(always) {
    var height = Math.ceil(root.getBoundingClientRect().height);
    if (window.parent === window || (height === last && always !== true)) return;
    last = height;
    window.parent.postMessage({type: "http-status-atlas:resize", height: height}, "*");
  }
  window.addEventListener("load", function () { tell(true); });
  window.addEventListener("resize", tell);
  if (window.ResizeObserver) new ResizeObserver(function () { tell(); }).observe(document.body);
})();
