// Pre-select the browser's time zone on the sign-up form (the server validates it).
(function () {
  "use strict";
  var select = document.getElementById("id_time_zone");
  if (!select || !window.Intl) return;
  var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (!zone) return;
  for (var i = 0; i < select.options.length; i++) {
    if (select.options[i].value === zone) {
      select.value = zone;
      return;
    }
  }
})();
