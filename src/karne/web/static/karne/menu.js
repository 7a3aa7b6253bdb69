// The header's "Diğer" menu (a <details>) closes on a click outside it and on Escape, which
// then gives the focus back to its summary. Without script the menu still opens and closes.
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    document.querySelectorAll("header details.more[open]").forEach(function (menu) {
      if (!menu.contains(event.target)) {
        menu.removeAttribute("open");
      }
    });
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") {
      return;
    }
    document.querySelectorAll("header details.more[open]").forEach(function (menu) {
      menu.removeAttribute("open");
      var summary = menu.querySelector("summary");
      if (summary && menu.contains(document.activeElement)) {
        summary.focus();
      }
    });
  });
})();
