// BackCare's only hand-written script: what htmx can't do by itself.
// - moves focus and announces status after a swap, when the server asks for it;
// - shows a form's optional part only when the choice it belongs to is made
//   (without JavaScript everything stays visible);
// - asks before leaving a form with changes that were not saved;
// - keeps a focused control clear of the phone's bottom navigation;
// - prints the page from a Print button.
(function () {
  "use strict";
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

  // Leaving a form marked data-warn-unsaved with changes not yet sent asks first. A field
  // that saves itself as it changes (inside [data-autosave]) stops counting once its save
  // succeeds: the saved fields are swapped for new ones, and refused ones come back marked.
  var unsaved = new Set();
  function watched(field) {
    return field.form && field.form.hasAttribute("data-warn-unsaved");
  }
  document.addEventListener("input", function (event) {
    if (watched(event.target)) unsaved.add(event.target);
  });
  document.addEventListener("submit", function (event) {
    if (event.target.hasAttribute("data-warn-unsaved")) unsaved.clear();
  });
  document.addEventListener("htmx:load", function (event) {
    var part = event.target;
    if (part.matches && part.matches("[data-autosave]") && part.querySelector("[aria-invalid]")) {
      part.querySelectorAll("input").forEach(function (field) {
        unsaved.add(field);
      });
    }
  });
  window.addEventListener("beforeunload", function (event) {
    unsaved.forEach(function (field) {
      if (!field.isConnected) unsaved.delete(field);
    });
    if (unsaved.size) {
      event.preventDefault();
      event.returnValue = "";
    }
  });

  // A control reached with Tab that ends up partly behind the phone's fixed bottom
  // navigation is scrolled clear of it: browsers leave a partly visible control as it is.
  document.addEventListener("focusin", function (event) {
    var nav = document.querySelector(".main-nav");
    if (!nav || nav.contains(event.target) || !nav.getClientRects().length) return;
    if (getComputedStyle(nav).position !== "fixed") return;
    var covered = event.target.getBoundingClientRect().bottom - nav.getBoundingClientRect().top;
    if (covered > 0) window.scrollBy(0, covered + 16);
  });

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
