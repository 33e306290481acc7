/* The Print button of the minutes: shown only when this script runs, it opens the browser's
   print dialog (the page's CSS lays the minutes out on A4). */
(function () {
  "use strict";
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      window.print();
    });
  });
})();
