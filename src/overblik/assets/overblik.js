// Overblik: the small scripts every page runs in the visitor's browser. Each runs when
// the page has loaded and again after each of Material's instant navigations.
(function () {
  "use strict";

  // --- Dates -------------------------------------------------------------------
  // What depends on today's date is worked out here, in the visitor's
  // browser, so the built site is the same bytes whichever day it is built.
  //
  // The pages carry absolute dates, e.g. "Senest bekræftet <time datetime="2019-04"
  // data-ob-confirmed>april 2019</time>". A date as precise as the source (a year,
  // a month or a day) counts until the end of its period; when that is more than
  // 365 days before today, its age is added after it: "(for 7 år siden – oplysningerne
  // kan være forældede)". The rule and the words are the ones `overblik check` and the
  // editors' list use (overblik/content/freshness.py: is_stale and age): days, then
  // weeks, then months up to 23, then years.
  //
  // <time datetime="…" data-ob-ago> gets the age in words after it: "(for 13 måneder siden)".

  var DAY = 86400000;

  // The last day of "2019", "2019-04" or "2019-04-05", as a UTC day number.
  function lastDay(text) {
    var m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(text || "");
    if (!m) return null;
    var year = +m[1], month = m[2] ? +m[2] : 12;
    var day = m[3] ? +m[3] : new Date(Date.UTC(year, month, 0)).getUTCDate();
    return { year: year, month: month, day: day, time: Date.UTC(year, month - 1, day) };
  }

  function today() {
    var now = new Date();
    return { year: now.getFullYear(), month: now.getMonth() + 1, day: now.getDate(),
             time: Date.UTC(now.getFullYear(), now.getMonth(), now.getDate()) };
  }

  function isStale(end, now) {
    return (now.time - end.time) / DAY > 365;
  }

  // Whole months from the end of the period to today (freshness.months_since).
  function monthsSince(end, now) {
    var months = (now.year - end.year) * 12 + (now.month - end.month);
    return months - (now.day < end.day ? 1 : 0);
  }

  // "3 uger", "13 måneder", "7 år" (freshness.age).
  function age(end, now) {
    var days = Math.max(0, Math.round((now.time - end.time) / DAY));
    var months = monthsSince(end, now);
    if (months < 1) {
      var weeks = Math.floor(days / 7);
      if (weeks < 1) return days === 1 ? "1 dag" : days + " dage";
      return weeks === 1 ? "1 uge" : weeks + " uger";
    }
    if (months < 24) return months === 1 ? "1 måned" : months + " måneder";
    return Math.floor(months / 12) + " år";
  }

  function addAfter(el, className, text) {
    var next = el.nextElementSibling;
    if (next && next.classList.contains(className)) return; // already marked (instant navigation)
    var span = document.createElement("span");
    span.className = className;
    span.textContent = text;
    el.after(" ", span);
  }

  function markDates() {
    var now = today();
    document.querySelectorAll("time[data-ob-confirmed]").forEach(function (el) {
      var end = lastDay(el.getAttribute("datetime"));
      if (end && isStale(end, now)) {
        addAfter(el, "ob-stale", "(for " + age(end, now) + " siden – oplysningerne kan være forældede)");
      }
    });
    document.querySelectorAll("time[data-ob-ago]").forEach(function (el) {
      var end = lastDay(el.getAttribute("datetime"));
      if (end && end.time <= now.time) addAfter(el, "ob-ago", "(for " + age(end, now) + " siden)");
    });
  }

  // --- Wide tables -------------------------------------------------------------
  // Wide tables can be scrolled with the keyboard (WCAG 2.1.1). Material wraps each
  // Markdown table in .md-typeset__scrollwrap, which scrolls sideways when the table
  // is wider than the page. A region that scrolls must be reachable by Tab, so a
  // wrapper that overflows gets tabindex="0", role="region" and a name from the
  // heading above the table; one that fits gets none of them (no needless tab stop).
  // Checked again when the window changes size.

  function heading(el) {
    for (var node = el; node; node = node.previousElementSibling || node.parentElement) {
      if (/^H[1-6]$/.test(node.tagName)) return node.textContent.trim();
      if (node.classList && node.classList.contains("md-content")) break;
    }
    return "";
  }

  function markTables() {
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

  // Material's document$ fires when the page is ready (its tables wrapped) and after
  // each instant navigation; without Material, the page's own load does.
  function onEveryPage(update) {
    if (window.document$ && typeof window.document$.subscribe === "function") {
      window.document$.subscribe(update);
    } else if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", update);
    } else {
      update();
    }
  }

  onEveryPage(markDates);
  onEveryPage(markTables);
  var pending = 0;
  window.addEventListener("resize", function () {
    clearTimeout(pending);
    pending = setTimeout(markTables, 100);
  });
})();
