"use strict";
// The filter and j/k navigation. Nothing here reads a post's text: the page's data is its DOM.
(function () {
  var body = document.body;
  var filter = document.getElementById("only-flagged");
  var position = document.getElementById("position");
  var stops = Array.prototype.slice.call(document.querySelectorAll(".post-findings, tr.unit.flagged"));
  var current = -1;
  filter.addEventListener("change", function () {
    body.classList.toggle("only-flagged", filter.checked);
  });
  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || !stops.length) return;
    if (event.target instanceof HTMLInputElement && event.target.type === "text") return;
    var step = event.key === "j" ? 1 : event.key === "k" ? -1 : 0;
    if (!step) return;
    event.preventDefault();
    if (current >= 0) stops[current].classList.remove("current");
    current = Math.min(Math.max(current + step, 0), stops.length - 1);
    var stop = stops[current];
    stop.classList.add("current");
    stop.scrollIntoView({ block: "center" });
    position.textContent = "· finding " + (current + 1) + " of " + stops.length;
  });
})();
