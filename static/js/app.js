// BackCare's only hand-written script: what htmx can't do by itself.
// - moves focus and announces status after a swap, when the server asks for it;
// - shows a form's optional part only when the choice it belongs to is made
//   (without JavaScript everything stays visible).
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  // <div data-shown-when-routine="new"> is shown only while the form's Routine is "new".
  function syncRoutineChoice(root) {
    root.querySelectorAll("[data-shown-when-routine]").forEach(function (part) {
      var form = part.closest("form");
      var select = form && form.elements.namedItem("routine");
      if (!select) return;
      part.hidden = select.value !== part.dataset.shownWhenRoutine;
    });
  }

  document.addEventListener("change", function (event) {
    if (event.target.name === "routine" && event.target.form) syncRoutineChoice(event.target.form);
  });
  document.addEventListener("htmx:load", function (event) {
    syncRoutineChoice(event.target);
  });
  syncRoutineChoice(document);

  document.body.addEventListener("backcare:focus", function (event) {
    var target = document.getElementById(event.detail.id);
    if (target) target.focus();
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
