// Ballot pages. On the new-session page, show only the standing rules of the chosen voting body
// (without JavaScript every body's rules stay visible, each under its name).
(function () {
  "use strict";
  var owner = document.getElementById("id_owner");
  var blocks = document.querySelectorAll("[data-owner-rules]");
  if (!owner || blocks.length < 2) {
    return;
  }
  function show() {
    blocks.forEach(function (block) {
      block.hidden = block.getAttribute("data-owner-rules") !== owner.value;
    });
  }
  owner.addEventListener("change", show);
  show();
})();
