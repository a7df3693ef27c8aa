// BackCare's only hand-written script: what htmx can't do by itself.
// - marks the page as JS-capable (so no-JS-only buttons can hide);
// - moves focus and announces status after a swap, when the server asks for it;
// - prints the page from a Print button.
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  document.body.addEventListener("backcare:focus", function (event) {
    var target = document.getElementById(event.detail.id);
    if (target) target.focus();
  });

  // A button marked data-print prints the page (without JS it stays hidden, and the
  // browser's own Print menu does the same).
  document.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest("[data-print]")) window.print();
  });

  document.body.addEventListener("backcare:announce", function (event) {
    var region = document.getElementById("announcer");
    if (!region) return;
    region.textContent = "";
    window.setTimeout(function () {
      region.textContent = event.detail.message;
    }, 50);
  });
})();
