// Overblik: what depends on today's date is worked out here, in the visitor's
// browser, so the built site is the same bytes whichever day it is built.
//
// The pages carry absolute dates, e.g. "Senest bekræftet <time datetime="2019-04"
// data-ob-confirmed>april 2019</time>". A date as precise as the source (a year,
// a month or a day) counts until the end of its period; when that is more than
// 365 days before today, the mark "(mere end et år siden – oplysningerne kan være
// forældede)" is added after it. The rule is the one `overblik check` and the
// editors' list use (overblik/lint.py: is_stale).
//
// <time datetime="…" data-ob-ago> gets the age in words after it, as the editors'
// list writes it: "(for 1 år og 2 måneder siden)".
(function () {
  "use strict";

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

  // Whole months from the end of the period to today (overdue.months_since).
  function monthsSince(end, now) {
    var months = (now.year - end.year) * 12 + (now.month - end.month);
    return months - (now.day < end.day ? 1 : 0);
  }

  // 13 → "1 år og 1 måned" (overdue.age).
  function age(months) {
    var years = Math.floor(months / 12), rest = months % 12, parts = [];
    if (years) parts.push(years + " år");
    if (rest || !years) parts.push(rest + " " + (rest === 1 ? "måned" : "måneder"));
    return parts.join(" og ");
  }

  function addAfter(el, className, text) {
    var next = el.nextElementSibling;
    if (next && next.classList.contains(className)) return; // already marked (instant navigation)
    var span = document.createElement("span");
    span.className = className;
    span.textContent = text;
    el.after(" ", span);
  }

  function update() {
    var now = today();
    document.querySelectorAll("time[data-ob-confirmed]").forEach(function (el) {
      var end = lastDay(el.getAttribute("datetime"));
      if (end && isStale(end, now)) {
        addAfter(el, "ob-stale", "(mere end et år siden – oplysningerne kan være forældede)");
      }
    });
    document.querySelectorAll("time[data-ob-ago]").forEach(function (el) {
      var end = lastDay(el.getAttribute("datetime"));
      if (end && end.time <= now.time) addAfter(el, "ob-ago", "(for " + age(monthsSince(end, now)) + " siden)");
    });
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(update);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", update);
  } else {
    update();
  }
})();
