// Overblik: the «Udskriv» button on status overviews. Without JavaScript the
// button stays hidden and the browser's own print command does the same.
(function () {
  "use strict";
  document.querySelectorAll("[data-ob-print]").forEach(function (button) {
    var holder = button.closest(".ob-print-action");
    if (holder) holder.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
})();
