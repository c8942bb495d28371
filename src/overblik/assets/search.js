// Overblik search: queries the Pagefind index in the browser.
// Also tries the query with ae/oe/aa turned into æ/ø/å and merges the results,
// because many people type Danish letters that way.
(function () {
  "use strict";
  var form = document.getElementById("ob-search");
  var input = document.getElementById("ob-search-input");
  var status = document.getElementById("ob-search-status");
  var list = document.getElementById("ob-search-results");
  if (!form || !input || !status || !list) return;

  var scriptUrl = document.currentScript ? document.currentScript.src : "";
  var pagefindUrl = new URL("../../pagefind/pagefind.js", scriptUrl || location.href).href;
  var pagefindPromise = null;

  function loadPagefind() {
    if (!pagefindPromise) {
      pagefindPromise = import(pagefindUrl).then(function (pf) {
        return pf.options({ excerptLength: 24 }).then(function () { return pf; });
      });
    }
    return pagefindPromise;
  }

  function variants(query) {
    var q = query.trim();
    var out = [q];
    var danish = q.replace(/aa/gi, function (m) { return m[0] === "A" ? "Å" : "å"; })
      .replace(/ae/gi, function (m) { return m[0] === "A" ? "Æ" : "æ"; })
      .replace(/oe/gi, function (m) { return m[0] === "O" ? "Ø" : "ø"; });
    if (danish !== q) out.push(danish);
    return out;
  }

  function text(tag, value, cls) {
    var el = document.createElement(tag);
    el.textContent = value;
    if (cls) el.className = cls;
    return el;
  }

  // The excerpt is text with <mark> around hits. Parse it in an inert document
  // and keep only text and <mark>, so nothing in content can become markup.
  function excerpt(html) {
    var p = document.createElement("p");
    var doc = new DOMParser().parseFromString("<p>" + html + "</p>", "text/html");
    doc.body.firstChild.childNodes.forEach(function (node) {
      if (node.nodeType === 1 && node.tagName === "MARK") p.appendChild(text("mark", node.textContent));
      else p.appendChild(document.createTextNode(node.textContent));
    });
    return p;
  }

  var current = 0;
  function run(query) {
    var ticket = ++current;
    list.textContent = "";
    if (!query.trim()) { status.textContent = ""; return; }
    status.textContent = "Søger …";
    loadPagefind().then(function (pf) {
      return Promise.all(variants(query).map(function (q) { return pf.search(q); }));
    }).then(function (searches) {
      var seen = {};
      var merged = [];
      searches.forEach(function (s) {
        (s && s.results || []).forEach(function (r) {
          if (!seen[r.id]) { seen[r.id] = true; merged.push(r); }
        });
      });
      merged.sort(function (a, b) { return b.score - a.score; });
      return Promise.all(merged.slice(0, 30).map(function (r) { return r.data(); })).then(function (data) {
        return { total: merged.length, data: data };
      });
    }).then(function (res) {
      if (ticket !== current) return;
      res.data.forEach(function (d) {
        var li = document.createElement("li");
        li.className = "ob-search-result";
        var h = document.createElement("h2");
        h.className = "ob-search-result__title";
        var a = text("a", (d.meta && d.meta.title) || d.url);
        a.href = d.url;
        h.appendChild(a);
        li.appendChild(h);
        li.appendChild(excerpt(d.excerpt || ""));
        list.appendChild(li);
      });
      status.textContent = res.total === 0
        ? "Ingen resultater for »" + query + "«."
        : res.total + (res.total === 1 ? " resultat" : " resultater") + " for »" + query + "«" +
          (res.total > 30 ? " (de 30 bedste vises)." : ".");
    }).catch(function () {
      if (ticket !== current) return;
      status.textContent = "Søgningen kunne ikke indlæses. Prøv igen senere.";
    });
  }

  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    var q = input.value;
    var url = new URL(location.href);
    if (q) url.searchParams.set("q", q); else url.searchParams.delete("q");
    history.pushState(null, "", url);
    run(q);
  });
  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { run(input.value); }, 250);
  });
  function fromUrl() {
    var q = new URL(location.href).searchParams.get("q") || "";
    input.value = q;
    run(q);
  }
  window.addEventListener("popstate", fromUrl);
  fromUrl();
})();
