// Overblik search: queries the Pagefind index in the browser.
//
// The page's address holds the search (?q=...&type=...&kommune=...), so a result
// list can be shared and reloaded, and the home page's form is a plain GET form
// to this page. What the index holds besides the text (folded æ/ø, compounds,
// everyday words, weights) is explained in src/overblik/searchwords.py; this
// script adds what is cheaper on the query's side:
// - ae/oe/aa typed for æ/ø/å: the query is also searched with æ/ø/å put back;
// - small words ("at", "for", "til" ...) are left out, since Pagefind finds
//   only pages with every word of the query;
// - if no page has every word, pages with some of them are shown, most words first.
// Only the results shown load their text (ten at a time), to keep the first
// search small on a phone.
(function () {
  "use strict";
  var form = document.getElementById("ob-search");
  var input = document.getElementById("ob-search-input");
  var status = document.getElementById("ob-search-status");
  var list = document.getElementById("ob-search-results");
  var more = document.getElementById("ob-search-more");
  if (!form || !input || !status || !list) return;
  var filterFields = ["type", "kommune"];
  var selects = {};
  filterFields.forEach(function (name) { selects[name] = document.getElementById("ob-search-" + name); });

  var PAGE_SIZE = 10;
  var SMALL_WORDS = ("af at de dem den der det du efter eller en er et for fra gerne har have hos hvad hvem " +
    "hvor hvordan i jeg kan man med meget mig min mine mit nogen noget nogle og om op os over på paa sig " +
    "som til ud under ved vi vil").split(" ");

  var scriptUrl = document.currentScript ? document.currentScript.src : "";
  var pagefindUrl = new URL("../../pagefind/pagefind.js", scriptUrl || location.href).href;
  var partsUrl = new URL("dele.json", pagefindUrl).href;
  var weights = {};
  try { weights = JSON.parse(form.getAttribute("data-ranking") || "{}"); } catch (e) { weights = {}; }
  var pagefindPromise = null;

  // A large site's index is in parts (src/overblik/site/searchindex.py): pagefind/
  // and the folders pagefind/dele.json lists. They are merged into one search
  // (Pagefind's mergeIndex; each part needs the options itself). The list is
  // fetched while Pagefind loads; without it, the first part is searched alone.
  function parts() {
    return fetch(partsUrl).then(function (r) { return r.ok ? r.json() : { dele: [] }; })
      .then(function (d) { return (d && d.dele) || []; }, function () { return []; });
  }

  function loadPagefind() {
    if (!pagefindPromise) {
      var options = { excerptLength: 24, ranking: { metaWeights: weights } };
      pagefindPromise = Promise.all([import(pagefindUrl), parts()]).then(function (loaded) {
        var pf = loaded[0];
        return pf.options(options).then(function () {
          return Promise.all(loaded[1].map(function (folder) {
            return pf.mergeIndex(new URL(folder, pagefindUrl).href, options);
          }));
        }).then(function () { return pf; });
      });
    }
    return pagefindPromise;
  }

  function words(query) {
    var all = query.trim().split(/\s+/).filter(Boolean);
    var kept = all.filter(function (w) { return SMALL_WORDS.indexOf(w.toLowerCase()) < 0; });
    return kept.length ? kept : all;
  }

  function withDanishLetters(text) {
    return text.replace(/aa/gi, function (m) { return m[0] === "A" ? "Å" : "å"; })
      .replace(/ae/gi, function (m) { return m[0] === "A" ? "Æ" : "æ"; })
      .replace(/oe/gi, function (m) { return m[0] === "O" ? "Ø" : "ø"; });
  }

  function variants(text) {
    var out = [text];
    var danish = withDanishLetters(text);
    if (danish !== text) out.push(danish);
    return out;
  }

  // Results of all spellings of `text`, each page once with its best score.
  // `narrow`: the index words for the chosen type and municipality (see
  // src/overblik/search.py: Pagefind finds only pages with every word).
  function searchAll(pf, text, narrow) {
    return Promise.all(variants(text).map(function (q) { return pf.search(narrow ? q + " " + narrow : q); }))
      .then(function (searches) {
        var best = {};
        searches.forEach(function (s) {
          (s && s.results || []).forEach(function (r) {
            if (!best[r.id] || best[r.id].score < r.score) best[r.id] = r;
          });
        });
        return Object.keys(best).map(function (id) { return best[id]; });
      });
  }

  function byScore(a, b) { return b.score - a.score || (a.id < b.id ? -1 : 1); }

  var NAME_FIELDS = ["title", "emne", "deltag", "oversigt"];
  function inName(r) {
    return (r.matchedMetaFields || []).some(function (f) { return NAME_FIELDS.indexOf(f) >= 0; });
  }

  // Every word at once (Pagefind finds pages with all of them). With more than
  // one word, a page whose name or keywords have one of the words also counts,
  // with half that word's score ("mistet min mand" finds the grief group, whose
  // keywords say "mistet", before a report that happens to use both words).
  // If no page has all the words, pages with some of them, most words first.
  function find(pf, query, narrow) {
    var ws = words(query);
    return searchAll(pf, ws.join(" "), narrow).then(function (results) {
      if (ws.length < 2) return { results: results.sort(byScore), partial: false };
      return Promise.all(ws.map(function (w) { return searchAll(pf, w, narrow); })).then(function (perWord) {
        var hits = {};
        function hit(r) {
          return hits[r.id] || (hits[r.id] = { id: r.id, data: r.data, score: 0, count: 0, all: false });
        }
        results.forEach(function (r) { var h = hit(r); h.score += r.score; h.all = true; });
        perWord.forEach(function (rs) {
          rs.forEach(function (r) {
            var name = inName(r);
            if (!results.length || name || hits[r.id]) {
              var h = hit(r);
              h.count += 1;
              if (name) h.score += r.score / 2;
              else if (!results.length) h.score += r.score;
            }
          });
        });
        var merged = Object.keys(hits).map(function (id) { return hits[id]; });
        if (!results.length) merged.sort(function (a, b) { return b.count - a.count || byScore(a, b); });
        else merged.sort(byScore);
        return { results: merged, partial: !results.length && merged.length > 0 };
      });
    });
  }

  // The query as a name: lower case, without accents, æ/ø/å and ae/oe/aa alike.
  function asName(text) {
    return text.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/æ|ae/g, "a").replace(/ø|oe/g, "o").replace(/aa/g, "a")
      .replace(/[^a-z0-9]+/g, " ").trim();
  }

  // A page whose name is what was typed (an organisation, a place, a municipality
  // without "Kommune") comes first among those loaded together.
  function namedFirst(data, query) {
    var wanted = asName(query);
    function exact(d) {
      var name = asName((d.meta && d.meta.title) || "");
      return name === wanted || name === wanted + " kommune";
    }
    return data.filter(exact).concat(data.filter(function (d) { return !exact(d); }));
  }

  function el(tag, value, cls) {
    var node = document.createElement(tag);
    if (value) node.textContent = value;
    if (cls) node.className = cls;
    return node;
  }

  // The excerpt is text with <mark> around hits. Parse it in an inert document
  // and keep only text and <mark>, so nothing in content can become markup.
  function excerpt(html) {
    var p = el("p", "", "ob-search-result__excerpt");
    var doc = new DOMParser().parseFromString("<p>" + html + "</p>", "text/html");
    doc.body.firstChild.childNodes.forEach(function (node) {
      if (node.nodeType === 1 && node.tagName === "MARK") p.appendChild(el("mark", node.textContent));
      else p.appendChild(document.createTextNode(node.textContent));
    });
    return p;
  }

  function render(d) {
    var meta = d.meta || {};
    var li = el("li", "", "ob-search-result");
    var h = el("h2", "", "ob-search-result__title");
    var a = el("a", meta.title || d.url);
    a.href = d.url;
    h.appendChild(a);
    li.appendChild(h);
    var about = [meta.type, meta.kommune].filter(Boolean).join(" · ");
    if (about) li.appendChild(el("p", about, "ob-search-result__about"));
    if (meta.linje) li.appendChild(el("p", meta.linje, "ob-search-result__line"));
    li.appendChild(excerpt(d.excerpt || ""));
    return li;
  }

  function currentFilters() {
    var filters = {};
    filterFields.forEach(function (name) {
      if (selects[name] && selects[name].value) filters[name] = selects[name].value;
    });
    return filters;
  }

  function narrowingWords() {
    return filterFields.map(function (name) {
      var select = selects[name];
      var option = select && select.value ? select.options[select.selectedIndex] : null;
      return option ? option.getAttribute("data-narrow") || "" : "";
    }).filter(Boolean).join(" ");
  }

  function filterText(filters) {
    var names = filterFields.map(function (n) { return filters[n]; }).filter(Boolean);
    return names.length ? " (" + names.join(", ") + ")" : "";
  }

  var current = 0;
  var shown = [];
  var shownCount = 0;
  var shownQuery = "";
  var shownPaths = [];  // pages already on the list (a municipality put first)

  // A municipality's own page when its name is what was typed ("Ishøj", "ishoj kommune"):
  // the index ranks the many pages with the name in their text above it, so it is put
  // first from the municipality list the page already has (nothing more to fetch).
  function municipalityNamed(query) {
    var select = selects.kommune, wanted = asName(query);
    if (!select || !wanted || (selects.type && selects.type.value && selects.type.value !== "Kommune")) return null;
    var chosen = select.value;
    for (var i = 0; i < select.options.length; i++) {
      var o = select.options[i], name = asName(o.value);
      if (o.value && o.getAttribute("data-page") && (!chosen || chosen === o.value) &&
          (name === wanted || name === wanted + " kommune")) {
        return { url: o.getAttribute("data-page"), meta: { title: o.value, type: "Kommune" }, excerpt: "" };
      }
    }
    return null;
  }

  function pathOf(url) { return new URL(url, document.baseURI).pathname; }

  function showMore(ticket) {
    var batch = shown.slice(shownCount, shownCount + PAGE_SIZE);
    var first = shownCount === 0;
    shownCount += batch.length;
    if (more) more.hidden = true;
    return Promise.all(batch.map(function (r) { return r.data(); })).then(function (data) {
      if (ticket !== current) return;
      if (first) {
        var named = municipalityNamed(shownQuery);
        shownPaths = named ? [pathOf(named.url)] : [];
        if (named) list.appendChild(render(named));
      }
      data = data.filter(function (d) { return shownPaths.indexOf(pathOf(d.url)) < 0; });
      namedFirst(data, shownQuery).forEach(function (d) { list.appendChild(render(d)); });
      if (more) more.hidden = shownCount >= shown.length;
    });
  }

  function run(query) {
    var ticket = ++current;
    list.textContent = "";
    shown = [];
    shownCount = 0;
    if (more) more.hidden = true;
    var filters = currentFilters();
    if (!query.trim()) { status.textContent = ""; return; }
    status.textContent = "Søger …";
    loadPagefind().then(function (pf) {
      return find(pf, query, narrowingWords());
    }).then(function (found) {
      if (ticket !== current) return;
      shown = found.results;
      shownQuery = query;
      var n = shown.length;
      var about = "»" + query.trim() + "«" + filterText(filters);
      if (n === 0) {
        status.textContent = "Ingen resultater for " + about + "." +
          (Object.keys(filters).length ? " Prøv at søge i alle typer og kommuner." : " Prøv med færre eller andre ord.");
        return;
      }
      // Announced once the first results are on the page.
      return showMore(ticket).then(function () {
        if (ticket !== current) return;
        status.textContent = (found.partial ? "Ingen sider har alle ordene. " : "") +
          n + (n === 1 ? " resultat" : " resultater") + " for " + about + ".";
      });
    }).catch(function () {
      if (ticket !== current) return;
      status.textContent = "Søgningen kunne ikke indlæses. Prøv igen senere.";
    });
  }

  function remember(push) {
    var url = new URL(location.href);
    var q = input.value.trim();
    if (q) url.searchParams.set("q", q); else url.searchParams.delete("q");
    filterFields.forEach(function (name) {
      var v = selects[name] && selects[name].value;
      if (v) url.searchParams.set(name, v); else url.searchParams.delete(name);
    });
    if (url.href !== location.href) history[push ? "pushState" : "replaceState"](null, "", url);
  }

  var timer = null;
  var lastRun = null;  // the query and filters last searched, so typing then Enter searches once
  function runOnce(query) {
    clearTimeout(timer);
    var key = query.trim() + "|" + filterFields.map(function (n) { return selects[n] ? selects[n].value : ""; }).join("|");
    if (key === lastRun) return;
    lastRun = key;
    run(query);
  }

  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    remember(true);
    runOnce(input.value);
  });
  filterFields.forEach(function (name) {
    if (!selects[name]) return;
    selects[name].addEventListener("change", function () {
      remember(true);
      runOnce(input.value);
    });
  });
  if (more) more.addEventListener("click", function () { showMore(current); });
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { remember(false); runOnce(input.value); }, 250);
  });

  function fromUrl() {
    var params = new URL(location.href).searchParams;
    input.value = params.get("q") || "";
    filterFields.forEach(function (name) {
      var select = selects[name];
      if (!select) return;
      var value = params.get(name) || "";
      var known = Array.prototype.some.call(select.options, function (o) { return o.value === value; });
      select.value = known ? value : "";
    });
    lastRun = null;  // back and forward always show the address's search
    runOnce(input.value);
  }
  window.addEventListener("popstate", fromUrl);
  fromUrl();
})();
