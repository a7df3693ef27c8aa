// Tell the server the browser's time zone: pre-select it on the sign-up form, and fill the
// log-in form's hidden field (so a pause in logging in can say when it ends in local time).
// The server validates both.
(function () {
  "use strict";
  if (!window.Intl) return;
  var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (!zone) return;
  var hidden = document.querySelectorAll('input[type="hidden"][name="time_zone"]');
  for (var h = 0; h < hidden.length; h++) hidden[h].value = zone;
  var select = document.getElementById("id_time_zone");
  if (!select || select.tagName !== "SELECT") return;
  for (var i = 0; i < select.options.length; i++) {
    if (select.options[i].value === zone) {
      select.value = zone;
      return;
    }
  }
})();
