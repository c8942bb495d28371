// Overblik: wide tables can be scrolled with the keyboard (WCAG 2.1.1).
// Material wraps each Markdown table in .md-typeset__scrollwrap, which scrolls
// sideways when the table is wider than the page. A region that scrolls must be
// reachable by Tab, so a wrapper that overflows gets tabindex="0", role="region"
// and a name from the heading above the table; one that fits gets none of them
// (no needless tab stop). Checked again when the window changes size.
(function () {
  "use strict";

  function heading(el) {
    for (var node = el; node; node = node.previousElementSibling || node.parentElement) {
      if (/^H[1-6]$/.test(node.tagName)) return node.textContent.trim();
      if (node.classList && node.classList.contains("md-content")) break;
    }
    return "";
  }

  function update() {
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (wrap) {
      if (wrap.scrollWidth > wrap.clientWidth + 1) {
        if (!wrap.hasAttribute("tabindex")) {
          var title = heading(wrap);
          wrap.setAttribute("tabindex", "0");
          wrap.setAttribute("role", "region");
          wrap.setAttribute("aria-label", title ? "Tabel: " + title : "Tabel");
        }
      } else if (wrap.getAttribute("role") === "region") {
        wrap.removeAttribute("tabindex");
        wrap.removeAttribute("role");
        wrap.removeAttribute("aria-label");
      }
    });
  }

  // Material wraps the tables when its document$ fires (also after instant navigation).
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(update);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", update);
  } else {
    update();
  }
  var pending = 0;
  window.addEventListener("resize", function () {
    clearTimeout(pending);
    pending = setTimeout(update, 100);
  });
})();
