// Overblik: the activity finder.
//
// The page already lists every activity without JavaScript. This script reads
// the finder's data file (format: src/overblik/finderdata.py), adds filters,
// a text box, sorting, "Nær mig" and "Hvor bor du?", and replaces the list
// with compact cards. If anything fails, the full list stays. Content is only
// ever put in the page as text (textContent), never as HTML.
//
// Distances: the visitor's position (asked for only when "Nær mig" is
// pressed) or a town typed in "Hvor bor du?" (from the gazetteer, a static
// file fetched only then). Neither is sent anywhere; only the town's name is
// kept in the page's address, so a link can be shared.
//
// Speed: every filter value has a bitset of the activities it matches, so a
// filter change is a few thousand word operations; only the first cards are
// drawn ("Vis flere" draws more), and cards are built once and reused.
(function () {
  "use strict";
  var root = document.getElementById("ob-finder");
  var staticList = document.getElementById("ob-finder-static");
  if (!root || !staticList || !window.fetch || !window.URLSearchParams || !window.Uint32Array || !history.pushState) return;

  var PAGE_SIZE = parseInt(root.getAttribute("data-page-size"), 10) || 20; // cards drawn at a time
  var WIDE = "(min-width: 60em)";
  // key: the name in the URL; title: the group's heading; name: what a chosen value is called.
  var FACETS = [
    { key: "kommune", title: "Kommune", name: "Kommune" },
    { key: "omraade", title: "Område", name: "Område" },
    { key: "maalgruppe", title: "Hvem er det for?", name: "Målgruppe" },
    { key: "tema", title: "Tema", name: "Tema" },
    { key: "dag", title: "Ugedag", name: "Ugedag" },
    { key: "pris", title: "Pris", name: "Pris" },
    { key: "deltag", title: "Sådan deltager du", name: "Deltagelse" }
  ];
  var TEXT_PARAM = "tekst", TOWN_PARAM = "by", SORT_PARAM = "sorter";
  // Words the text box suggests; only those that find something are shown.
  var EXAMPLES = ["kaffe", "strik", "sorg", "motion", "fællesspisning", "cykling", "lektiehjælp", "netværk", "café", "gåtur"];
  var MONTHS = ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober", "november", "december"];
  var SORTS = [
    { id: "navn", label: "Navn (A–Å)" },
    { id: "bekraeftet", label: "Senest bekræftet" },
    { id: "afstand", label: "Nærmest" }
  ];

  var D, N, W, LAST_WORD;
  var items = []; // per activity: {href, place, when, groups, kommune, hay, locs, dist, best, confirmed}
  var facets = []; // {key, title, values: [{id, label, note, bits, input, count, option}], selected, details, chosen}
  var byKey = {};
  var text = "", textBits = null, textCacheKey = null;
  var orders = {}, sortBy = "navn", hasLocations = false, unplaced = null;
  var origin = null; // {lat, lon, kode, name, town}: where distances are measured from
  var towns = null, townsPromise = null, examples = [];
  var limit = PAGE_SIZE;
  var lastHistory = null;
  var cards = [];
  var ui = {};

  // --- small helpers --------------------------------------------------------

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        var v = attrs[k];
        if (v === null || v === undefined || v === false) return;
        if (k === "text") node.textContent = v;
        else if (k === "className") node.className = v;
        else node.setAttribute(k, v === true ? "" : v);
      });
    }
    (children || []).forEach(function (c) {
      if (c !== null && c !== undefined) node.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    });
    return node;
  }

  // People write ae/oe/aa for æ/ø/å (and "o" for "ø"): fold both the text and
  // the query the same way, so every spelling meets in the middle.
  function fold(s) {
    return s.toLowerCase()
      .replace(/æ/g, "a").replace(/ø/g, "o").replace(/å/g, "a")
      .normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/ae/g, "a").replace(/oe/g, "o").replace(/aa/g, "a");
  }

  // Text split into words at anything but letters and digits: " ord ord … ".
  function words(s) {
    return " " + fold(s).replace(/[^a-z0-9]+/g, " ").trim() + " ";
  }

  function thousands(n) {
    return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  }

  function plural(n, one, many) {
    return thousands(n) + " " + (n === 1 ? one : many);
  }

  function km(d) {
    if (d < 0.1) return "under 100 m";
    var v = d < 10 ? Math.round(d * 10) / 10 : Math.round(d);
    return "ca. " + String(v).replace(".", ",") + " km";
  }

  // "2019-04" -> "april 2019"; the relative part is worked out from the
  // visitor's own date, so the published files never depend on the build's.
  function confirmed(iso) {
    if (!iso) return "";
    var p = iso.split("-"), y = +p[0], m = p[1] ? +p[1] : 0;
    var text = "Bekræftet " + (m ? MONTHS[m - 1] + " " : "") + y;
    var now = new Date(), months = (now.getFullYear() - y) * 12 + (now.getMonth() + 1 - (m || 1));
    if (months < 1) return text + " (denne måned)";
    if (months < 12) return text + " (for " + (m ? plural(months, "måned", "måneder") : "under et år") + " siden)";
    var years = Math.floor(months / 12);
    return text + " (for " + (m ? plural(years, "år", "år") : "ca. " + plural(years, "år", "år")) + " siden)";
  }

  function distance(lat1, lon1, lat2, lon2) {
    var r = Math.PI / 180;
    var a = Math.sin((lat2 - lat1) * r / 2), b = Math.sin((lon2 - lon1) * r / 2);
    var h = a * a + Math.cos(lat1 * r) * Math.cos(lat2 * r) * b * b;
    return 12742 * Math.asin(Math.min(1, Math.sqrt(h)));
  }

  // --- bitsets ---------------------------------------------------------------

  function bitset() { return new Uint32Array(W); }
  function setBit(b, i) { b[i >>> 5] |= 1 << (i & 31); }
  function hasBit(b, i) { return (b[i >>> 5] >>> (i & 31)) & 1; }
  function ones() {
    var b = bitset();
    b.fill(0xffffffff);
    if (W) b[W - 1] = LAST_WORD;
    return b;
  }
  function andInto(target, mask) {
    if (!mask) return;
    for (var w = 0; w < W; w++) target[w] &= mask[w];
  }
  function pop(x) {
    x = x - ((x >>> 1) & 0x55555555);
    x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
    return Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
  }
  function countAnd(a, b) {
    var n = 0;
    for (var w = 0; w < W; w++) { var x = a[w] & b[w]; if (x) n += pop(x); }
    return n;
  }
  function count(a) {
    var n = 0;
    for (var w = 0; w < W; w++) if (a[w]) n += pop(a[w]);
    return n;
  }

  // --- the data --------------------------------------------------------------

  function index(data, dataUrl) {
    D = data;
    var acts = D.aktiviteter;
    N = acts.length;
    W = Math.ceil(N / 32);
    LAST_WORD = N % 32 ? (Math.pow(2, N % 32) - 1) >>> 0 : 0xffffffff;
    var base = new URL(D.url[0], dataUrl).href;
    var kommuner = D.kommuner, omraader = D.omraader, steder = D.steder;
    var manyKommuner = kommuner.length > 1;
    unplaced = bitset();

    function table(rows, labelAt) {
      return rows.map(function (r) { return { id: r[0], label: r[labelAt || 1], bits: bitset() }; });
    }
    var values = {
      kommune: table(kommuner),
      omraade: omraader.map(function (r) {
        var k = kommuner[r[2]];
        return { id: r[0], label: r[1], note: manyKommuner && k ? k[1] : "", kommune: k ? k[0] : "", bits: bitset() };
      }),
      maalgruppe: table(D.maalgrupper),
      tema: table(D.temaer),
      dag: table(D.ugedage),
      pris: table(D.priser),
      deltag: table(D.deltagelse)
    };

    for (var i = 0; i < N; i++) {
      var a = acts[i];
      var placeText = [], hay = [a.n, a.r, a.o || ""];
      (a.s || []).forEach(function (p) {
        var s = steder[p], area = s[1] >= 0 ? omraader[s[1]] : null;
        placeText.push(area ? s[0] + ", " + area[1] : s[0]);
        hay.push(s[0]);
        if (area) { hay.push(area[1]); setBit(values.omraade[s[1]].bits, i); }
      });
      var kommune = a.k !== undefined ? kommuner[a.k][1] : "";
      if (a.k !== undefined) { setBit(values.kommune[a.k].bits, i); hay.push(kommune); }
      var days = 0, when = [];
      (a.t || []).forEach(function (t) { when.push(D.tidspunkter[t][0]); days |= D.tidspunkter[t][1]; });
      for (var d = 0; d < 7; d++) if (days & (1 << d)) setBit(values.dag[d].bits, i);
      var groups = (a.g || []).map(function (g) { setBit(values.maalgruppe[g].bits, i); return D.maalgrupper[g][1]; });
      (a.e || []).forEach(function (e) { setBit(values.tema[e].bits, i); hay.push(D.temaer[e][1]); });
      var price = a.p !== undefined ? D.pristekster[a.p] : null;
      if (price) setBit(values.pris[price[0]].bits, i);
      if (a.d !== undefined) setBit(values.deltag[a.d].bits, i);
      var locs = (a.l || []).map(function (l) { return D.placeringer[l]; });
      if (locs.length) hasLocations = true;
      else setBit(unplaced, i);
      items.push({
        href: base + encodeURIComponent(a.u) + D.url[1],
        // Never a municipality's name pretending to be a place.
        place: placeText.length ? placeText.join("; ") : "Sted ikke oplyst" + (kommune ? " (" + kommune + ")" : ""),
        kommune: kommune,
        when: when.join("; "),
        groups: groups.join(", "),
        hay: words(hay.concat(groups).join(" ")),
        locs: locs,
        confirmed: a.b || "",
        dist: Infinity,
        best: null
      });
    }
    // Orders: A–Å by name (Danish alphabet), and most recently confirmed first.
    var collator = window.Intl && Intl.Collator ? new Intl.Collator("da", { sensitivity: "base", numeric: true }) : null;
    var byName = function (x, y) {
      var c = collator ? collator.compare(acts[x].n, acts[y].n) : (acts[x].n < acts[y].n ? -1 : acts[x].n > acts[y].n ? 1 : 0);
      return c || x - y;
    };
    var idx = [];
    for (var j = 0; j < N; j++) idx.push(j);
    idx.sort(byName);
    orders.navn = Int32Array.from(idx);
    var rank = orders.rank = new Int32Array(N);
    for (var r = 0; r < N; r++) rank[idx[r]] = r;
    orders.bekraeftet = Int32Array.from(idx.slice().sort(function (x, y) {
      var bx = items[x].confirmed, by = items[y].confirmed;
      return bx === by ? rank[x] - rank[y] : bx < by ? 1 : -1;
    }));
    orders.afstand = null;
    examples = EXAMPLES.filter(function (w) {
      var key = words(w);
      for (var i = 0; i < N; i++) if (items[i].hay.indexOf(key.slice(0, -1)) >= 0) return true;
      return false;
    }).slice(0, 3);

    FACETS.forEach(function (f) {
      var vals = values[f.key].filter(function (v) { return count(v.bits) > 0 || f.key === "pris" || f.key === "dag"; });
      if (!vals.some(function (v) { return count(v.bits) > 0; })) return;
      facets.push({ key: f.key, title: f.title, name: f.name, values: vals, selected: {}, nSelected: 0 });
      byKey[f.key] = facets[facets.length - 1];
    });
  }

  // --- filtering -------------------------------------------------------------

  function facetMask(f) {
    if (!f.nSelected) return null;
    var out = bitset();
    f.values.forEach(function (v, i) {
      if (!f.selected[i]) return;
      for (var w = 0; w < W; w++) out[w] |= v.bits[w];
    });
    return out;
  }

  // Each word typed must begin a word of the activity: "sorg" finds
  // "Sorggruppen", not "Omsorgscenteret".
  function currentTextBits() {
    var typed = words(text).trim().split(" ").filter(Boolean);
    var key = typed.join(" ");
    if (!key) return null;
    if (key === textCacheKey) return textBits;
    var starts = typed.map(function (w) { return " " + w; });
    var b = bitset();
    outer: for (var i = 0; i < N; i++) {
      var hay = items[i].hay;
      for (var k = 0; k < starts.length; k++) if (hay.indexOf(starts[k]) < 0) continue outer;
      setBit(b, i);
    }
    textCacheKey = key;
    textBits = b;
    return b;
  }

  // The matches, and for each filter value how many would match with it:
  // the other filters applied, this filter's own choices not (a value adds
  // to the choices in its own group).
  function compute() {
    var tb = currentTextBits();
    var masks = facets.map(facetMask);
    var all = ones();
    andInto(all, tb);
    masks.forEach(function (m) { andInto(all, m); });
    facets.forEach(function (f, fi) {
      var others = ones();
      andInto(others, tb);
      masks.forEach(function (m, j) { if (j !== fi) andInto(others, m); });
      f.values.forEach(function (v) { v.n = countAnd(others, v.bits); });
    });
    return all;
  }

  // --- the controls ----------------------------------------------------------

  function build() {
    var form = el("form", { className: "ob-finder__filters", role: "search", "aria-labelledby": "ob-finder-filters-title" });
    form.addEventListener("submit", function (ev) { ev.preventDefault(); });
    form.appendChild(el("h2", { id: "ob-finder-filters-title", className: "ob-finder__heading", text: "Afgræns listen" }));

    // Only examples that find something in this data are suggested.
    var example = examples.length ? "Fx " + examples.slice(0, -1).join(", ") + (examples.length > 1 ? " eller " : "") + examples[examples.length - 1] : null;
    ui.text = el("input", { id: "ob-finder-text", className: "ob-input", type: "search", name: TEXT_PARAM, autocomplete: "off",
      "aria-describedby": "ob-finder-text-help", placeholder: example });
    form.appendChild(el("div", { className: "ob-finder__text" }, [
      el("label", { "for": "ob-finder-text", text: "Søg efter ord" }),
      ui.text,
      el("p", { id: "ob-finder-text-help", className: "ob-note", text: "Finder ord, der begynder sådan. Du kan skrive ae, oe og aa for æ, ø og å." })
    ]));
    ui.text.addEventListener("input", function () {
      text = ui.text.value;
      limit = PAGE_SIZE;
      update({ history: "text", announceLater: true });
    });

    var wide = window.matchMedia && window.matchMedia(WIDE).matches;
    facets.forEach(function (f) {
      var fieldset = el("fieldset", { className: "ob-facet__values" }, [el("legend", { className: "visually-hidden", text: f.title })]);
      f.values.forEach(function (v, i) {
        var id = "ob-f-" + f.key + "-" + i;
        v.input = el("input", { type: "checkbox", id: id, name: f.key, value: v.id });
        v.count = el("span", { className: "ob-facet__count" });
        v.option = el("label", { className: "ob-facet__option", "for": id }, [
          v.input,
          el("span", { className: "ob-facet__label" }, [v.label, v.note ? el("span", { className: "ob-facet__note", text: " – " + v.note }) : null]),
          v.count
        ]);
        v.input.addEventListener("change", function () {
          f.selected[i] = v.input.checked;
          f.nSelected += v.input.checked ? 1 : -1;
          limit = PAGE_SIZE;
          update({ history: "facet" });
        });
        fieldset.appendChild(v.option);
      });
      if (f.key === "omraade" && D.kommuner.length > 1) {
        // Areas belong to a municipality: list those of the chosen ones only.
        f.hint = el("p", { className: "ob-note ob-facet__hint", text: "Vælg en kommune for at se dens områder." });
        fieldset.appendChild(f.hint);
      }
      f.chosen = el("span", { className: "ob-facet__chosen" });
      f.details = el("details", { className: "ob-facet", "data-facet": f.key, open: wide && f.values.length <= 8 },
        [el("summary", null, [el("span", { text: f.title }), f.chosen]), fieldset]);
      form.appendChild(f.details);
    });

    form.appendChild(el("p", { className: "ob-note ob-finder__share", text: "Dine valg gemmes i sidens adresse, så du kan dele linket eller gemme det som bogmærke." }));

    // On a phone the results are below the filters: a way to jump there.
    ui.jump = el("a", { href: "#ob-finder-results-title", className: "ob-finder__jump" });
    form.appendChild(el("p", { className: "ob-finder__jump-row" }, [ui.jump]));

    // Where from: "Nær mig" (asks for the position only when pressed) or
    // "Hvor bor du?" (a town from the gazetteer). Both stay in the browser.
    var nearBox = el("div", { className: "ob-finder__near" });
    ui.geo = el("p", { className: "ob-finder__geo", role: "status" });
    if (hasLocations) {
      if (navigator.geolocation) {
        ui.near = el("button", { type: "button", className: "ob-button", "aria-pressed": "false", text: "Nær mig" });
        ui.near.addEventListener("click", locate);
        nearBox.appendChild(el("div", { className: "ob-finder__buttons" }, [ui.near]));
      }
      ui.town = el("input", { id: "ob-finder-town", className: "ob-input", type: "text", name: TOWN_PARAM, autocomplete: "off",
        "aria-describedby": "ob-finder-town-help", placeholder: "Fx Vallensbæk" });
      ui.townGo = el("button", { type: "button", className: "ob-button ob-button--secondary", text: "Brug byen" });
      ui.townList = el("ul", { className: "ob-finder__towns", id: "ob-finder-towns", "aria-label": "Forslag til byer" });
      ui.townMsg = el("p", { className: "ob-finder__town-msg", role: "status" });
      nearBox.appendChild(el("div", { className: "ob-finder__town" }, [
        el("label", { "for": "ob-finder-town", text: "Hvor bor du?" }),
        el("div", { className: "ob-finder__town-row" }, [ui.town, ui.townGo]),
        ui.townMsg, ui.townList,
        el("p", { id: "ob-finder-town-help", className: "ob-note", text: (navigator.geolocation ? "Tryk «Nær mig», eller skriv" : "Skriv") +
          " din by, så står de nærmeste aktiviteter først. Din position bruges kun i din browser og sendes ikke videre; " +
          "byens navn gemmes i sidens adresse. Byernes placering: GeoNames, CC BY 4.0." })
      ]));
      ui.town.addEventListener("input", suggestTowns);
      ui.town.addEventListener("keydown", function (ev) { if (ev.key === "Enter") { ev.preventDefault(); chooseTyped(); } });
      ui.townGo.addEventListener("click", chooseTyped);
    } else {
      nearBox.appendChild(el("p", { className: "ob-note", text: "Listen kan ikke sorteres efter afstand endnu: ingen af aktiviteterne har en kendt placering." }));
    }
    ui.forget = el("button", { type: "button", className: "ob-button ob-button--secondary", hidden: true, text: "Fjern afstandene" });
    ui.forget.addEventListener("click", function () {
      clearOrigin();
      limit = PAGE_SIZE;
      update({ history: "facet" });
      (ui.near || ui.town).focus();
    });
    nearBox.appendChild(ui.geo);
    nearBox.appendChild(ui.forget);

    ui.sort = el("select", { id: "ob-finder-sort", className: "ob-input ob-finder__sort-select", name: SORT_PARAM });
    SORTS.forEach(function (o) { ui.sort.appendChild(el("option", { value: o.id, text: o.label })); });
    ui.sort.addEventListener("change", function () {
      if (ui.sort.value === "afstand" && !origin) {
        ui.sort.value = sortBy;
        ui.geo.textContent = "Tryk «Nær mig» eller skriv din by for at sortere efter afstand.";
        (ui.near || ui.town || ui.sort).focus();
        return;
      }
      sortBy = ui.sort.value;
      limit = PAGE_SIZE;
      update({ history: "facet" });
    });
    var sortRow = el("p", { className: "ob-finder__sort" }, [el("label", { "for": "ob-finder-sort", text: "Sortér efter " }), ui.sort]);

    ui.status = el("p", { id: "ob-finder-status", className: "ob-count ob-finder__status", role: "status", "aria-live": "polite", "aria-atomic": "true" });
    ui.chosenList = el("ul", { className: "ob-finder__chosen-list" });
    ui.clear = el("button", { type: "button", className: "ob-button ob-button--secondary", id: "ob-finder-clear", text: "Ryd alle" });
    ui.clear.addEventListener("click", clearAll);
    ui.chosen = el("div", { className: "ob-finder__chosen", hidden: true }, [
      el("h3", { className: "ob-finder__chosen-title", text: "Dine valg" }), ui.chosenList, ui.clear
    ]);
    ui.widen = el("div", { className: "ob-finder__widen", hidden: true });
    ui.list = el("ul", { className: "ob-finder-list ob-finder-results", id: "ob-finder-list" });
    ui.more = el("button", { type: "button", className: "ob-button ob-finder__more", hidden: true });
    ui.more.addEventListener("click", showMore);

    var results = el("section", { className: "ob-finder__results", "aria-labelledby": "ob-finder-results-title" }, [
      el("h2", { id: "ob-finder-results-title", className: "ob-finder__heading", text: "Aktiviteter" }),
      sortRow, ui.status, ui.widen, ui.chosen, ui.list, ui.more
    ]);
    // Distance first: on a phone it is the first thing under the heading.
    root.appendChild(nearBox);
    root.appendChild(el("div", { className: "ob-finder__layout" }, [form, results]));
  }

  // --- cards -------------------------------------------------------------------

  // A card is short on purpose (at least three to a phone screen): name, when
  // and where on one line, for whom, and when it was last confirmed. The
  // rest is on the activity's page.
  function card(i) {
    if (cards[i]) return cards[i];
    var a = D.aktiviteter[i], it = items[i];
    var when = it.when || "Tidspunkt ikke oplyst";
    var dist = el("span", { className: "ob-finder-card__distance", hidden: true });
    var li = el("li", { className: "ob-card ob-finder-card", "data-id": a.u }, [
      el("h3", { className: "ob-card__title" }, [el("a", { href: it.href, text: a.n })]),
      el("p", { className: "ob-finder-card__line" }, [
        el("span", { className: "visually-hidden", text: "Hvornår og hvor: " }), when + " · " + it.place]),
      el("p", { className: "ob-finder-card__for", text: "For: " + (it.groups || "ikke oplyst") }),
      el("p", { className: "ob-finder-card__meta" }, [dist, el("span", { className: "ob-finder-card__fresh", text: confirmed(it.confirmed) })])
    ]);
    cards[i] = { li: li, dist: dist };
    return cards[i];
  }

  // What a card says about the distance, as precisely as the location is known.
  function distanceText(it) {
    if (!it.best) return "Afstand ukendt: stedet er ikke oplyst";
    var loc = it.best, d = it.dist;
    if (loc[2] === 0) return km(d);
    if (loc[2] === 1) return origin.town && d < 0.5 ? "I " + loc[3] : km(d) + " (afstand til " + loc[3] + " by)";
    if (origin.kode && origin.kode === loc[4]) return "I din kommune";
    return km(d) + " til kommunen";
  }

  // The first `limit` matches in order. Cards already in the list at the
  // right place are left alone, so the browser restyles only what changed.
  function draw(all) {
    var near = sortBy === "afstand" || !!origin;
    var ord = (sortBy === "afstand" && orders.afstand) || orders[sortBy] || orders.navn;
    var list = ui.list, at = list.firstChild, shown = 0;
    for (var k = 0; k < N && shown < limit; k++) {
      var i = ord[k];
      if (!hasBit(all, i)) continue;
      var c = card(i);
      var dist = near && origin ? distanceText(items[i]) : "";
      if (c.dist.textContent !== dist) {
        c.dist.textContent = dist;
        c.dist.hidden = !dist;
        if (dist && isFinite(items[i].dist)) c.li.setAttribute("data-km", items[i].dist.toFixed(2));
        else c.li.removeAttribute("data-km");
      }
      if (c.li === at) at = at.nextSibling;
      else list.insertBefore(c.li, at);
      shown++;
    }
    while (at) { var next = at.nextSibling; list.removeChild(at); at = next; }
    return shown;
  }

  // --- state in the URL ----------------------------------------------------------

  function readUrl() {
    var params = new URLSearchParams(location.search);
    facets.forEach(function (f) {
      var wanted = params.getAll(f.key);
      f.selected = {};
      f.nSelected = 0;
      f.values.forEach(function (v, i) {
        if (wanted.indexOf(v.id) >= 0) { f.selected[i] = true; f.nSelected++; }
      });
    });
    text = params.get(TEXT_PARAM) || "";
    wantedTown = ui.town ? (params.get(TOWN_PARAM) || "").trim() : "";
    var sort = params.get(SORT_PARAM);
    wantedSort = SORTS.some(function (o) { return o.id === sort; }) ? sort : null;
  }

  // After the address changed (opening a link, Back): the town it names, if any.
  var wantedTown = "", wantedSort = null;

  function applyWanted() {
    var sort = wantedSort;
    if (wantedTown && !(origin && origin.town && origin.name === wantedTown)) {
      loadTowns().then(function () {
        var found = findTown(wantedTown);
        if (found.length === 1) setOrigin(townOrigin(found[0]), { sort: sort || "afstand" });
        else { ui.town.value = wantedTown; explainTown(wantedTown, found); }
      }, townsFailed);
    } else if (!wantedTown && origin && origin.town) {
      clearOrigin();
    }
    sortBy = sort && (sort !== "afstand" || origin) ? sort : origin ? "afstand" : "navn";
  }

  function urlFor() {
    var params = new URLSearchParams();
    facets.forEach(function (f) {
      f.values.forEach(function (v, i) { if (f.selected[i]) params.append(f.key, v.id); });
    });
    if (text.trim()) params.set(TEXT_PARAM, text.trim());
    if (origin && origin.town) params.set(TOWN_PARAM, origin.name);
    if (sortBy !== (origin ? "afstand" : "navn")) params.set(SORT_PARAM, sortBy);
    var query = params.toString();
    return location.pathname + (query ? "?" + query : "");
  }

  function commitUrl(url, kind) {
    if (url === location.pathname + location.search) return;
    // Typing replaces the entry it started; every other change adds one, so Back undoes it.
    if (kind === "text" && lastHistory === "text") history.replaceState(null, "", url);
    else history.pushState(null, "", url);
    lastHistory = kind;
  }

  // Writing the address costs the browser a few milliseconds, so it happens
  // just after the new results are on the screen. A change made while the
  // previous one is still waiting writes that one first, so every change keeps
  // its own place in the history (typing counts as one change).
  var pendingUrl = null, pendingKind = null, urlTicket = 0;

  function scheduleUrl(kind) {
    if (pendingUrl !== null && !(pendingKind === "text" && kind === "text")) flushUrl();
    pendingUrl = urlFor();
    pendingKind = kind;
    root.setAttribute("data-url-pending", "");
    var ticket = ++urlTicket;
    requestAnimationFrame(function () {
      setTimeout(function () { if (ticket === urlTicket) flushUrl(); }, 0);
    });
  }

  function flushUrl() {
    if (pendingUrl === null) return;
    var url = pendingUrl;
    pendingUrl = null;
    urlTicket++;
    root.removeAttribute("data-url-pending");
    commitUrl(url, pendingKind);
  }

  function cancelUrl() {
    pendingUrl = null;
    urlTicket++;
    root.removeAttribute("data-url-pending");
  }

  function syncControls() {
    if (ui.text.value !== text) ui.text.value = text;
    facets.forEach(function (f) {
      f.values.forEach(function (v, i) { v.input.checked = !!f.selected[i]; });
      if (f.nSelected) f.details.open = true;
    });
    if (ui.sort.value !== sortBy) ui.sort.value = sortBy;
  }

  // --- drawing everything ------------------------------------------------------------

  var announceTimer = null;

  function update(opts) {
    opts = opts || {};
    var all = compute();
    var total = count(all);
    var kf = byKey.kommune, chosenKommune = {};
    if (kf) kf.values.forEach(function (v, i) { if (kf.selected[i]) chosenKommune[v.id] = true; });
    facets.forEach(function (f) {
      var areas = f.key === "omraade";
      f.values.forEach(function (v, i) {
        var empty = v.n === 0 && !f.selected[i];
        if (areas) {
          var hide = !f.selected[i] && (empty || !!f.hint && !chosenKommune[v.kommune]);
          if (v.hide !== hide) { v.hide = hide; v.option.hidden = hide; }
          if (hide) return; // updated when it shows again
        }
        if (v.shownN !== v.n) { v.shownN = v.n; v.count.textContent = "(" + thousands(v.n) + ")"; }
        if (v.empty !== empty) { v.empty = empty; v.option.classList.toggle("ob-facet__option--empty", empty); }
      });
      if (f.hint) {
        var hideHint = !!(kf && kf.nSelected);
        if (f.hint.hidden !== hideHint) f.hint.hidden = hideHint;
      }
      f.chosen.textContent = f.nSelected ? " (" + f.nSelected + " valgt)" : "";
    });
    var shown = draw(all);
    var left = total - shown;
    ui.more.hidden = left <= 0;
    ui.more.textContent = "Vis flere (" + thousands(left) + " tilbage)";
    drawChosen();

    var filtered = text.trim() || facets.some(function (f) { return f.nSelected; });
    var message = !filtered
      ? "Viser alle " + plural(total, "aktivitet", "aktiviteter") + "."
      : total === 0
        ? "Ingen aktiviteter passer til " + why() + "."
        : plural(total, "aktivitet passer", "aktiviteter passer") + " til dine valg.";
    drawWiden(total === 0 && filtered);
    // While someone types, wait for a pause before announcing the count.
    clearTimeout(announceTimer);
    if (opts.announceLater) announceTimer = setTimeout(function () { ui.status.textContent = message; }, 700);
    else ui.status.textContent = message;
    if (origin) {
      // Activities without a known place are never hidden: they come last, and we say so.
      var unknown = countAnd(all, unplaced);
      var from = origin.town ? "fra " + origin.name : "fra din position";
      var geo = sortBy === "afstand" ? "Sorteret efter afstand " + from + "." : "Afstanden på hvert kort er regnet " + from + ".";
      if (sortBy === "afstand" && unknown && unknown === total) geo += " Ingen af disse aktiviteter har en kendt placering, så de står efter navn.";
      else if (sortBy === "afstand" && unknown) geo += " " + plural(unknown, "aktivitet", "aktiviteter") + " uden kendt placering står til sidst.";
      if (ui.geo.textContent !== geo) ui.geo.textContent = geo;
    }
    ui.jump.textContent = total === 1 ? "Se aktiviteten" : total ? "Se de " + thousands(total) + " aktiviteter" : "Se resultatet";
    root.setAttribute("data-count", String(total));
    if (opts.history) scheduleUrl(opts.history);
  }

  // Why nothing matched, in words: "ordet «x» sammen med Målgruppe: Unge".
  function why() {
    var parts = [];
    facets.forEach(function (f) {
      f.values.forEach(function (v, i) { if (f.selected[i]) parts.push(f.name + ": " + v.label); });
    });
    var t = text.trim();
    var chosen = parts.length ? (parts.length === 1 ? "valget " : "valgene ") + parts.join(", ") : "";
    if (t && chosen) return "ordet «" + t + "» sammen med " + chosen;
    return t ? "ordet «" + t + "»" : chosen;
  }

  // No results: offer the ways to widen the search that would give some,
  // and say which municipalities Overblik has activities from.
  function drawWiden(show) {
    ui.widen.textContent = "";
    ui.widen.hidden = !show;
    if (!show) return;
    var t = text.trim(), anyFacet = facets.some(function (f) { return f.nSelected; });
    var buttons = [];
    if (t && anyFacet) {
      var saved = text;
      text = "";
      var withoutText = count(compute());
      text = saved;
      textCacheKey = null;
      if (withoutText) buttons.push(el("button", { type: "button", className: "ob-button ob-button--secondary",
        text: "Fjern ordet «" + t + "» (" + plural(withoutText, "aktivitet", "aktiviteter") + ")" }));
      if (buttons.length) buttons[0].addEventListener("click", function () { text = ""; ui.text.value = ""; update({ history: "facet" }); });
    }
    var saved2 = facets.map(function (f) { return [f.selected, f.nSelected]; });
    facets.forEach(function (f) { f.selected = {}; f.nSelected = 0; });
    var withoutFacets = count(compute());
    facets.forEach(function (f, i) { f.selected = saved2[i][0]; f.nSelected = saved2[i][1]; });
    compute();
    if (anyFacet && withoutFacets) {
      var b = el("button", { type: "button", className: "ob-button ob-button--secondary",
        text: "Fjern alle filtre (" + plural(withoutFacets, "aktivitet", "aktiviteter") + ")" });
      b.addEventListener("click", function () {
        facets.forEach(function (f) { f.selected = {}; f.nSelected = 0; });
        syncControls();
        update({ history: "facet" });
      });
      buttons.push(b);
    }
    var clear = el("button", { type: "button", className: "ob-button ob-button--secondary", text: "Vis alle aktiviteter" });
    clear.addEventListener("click", clearAll);
    buttons.push(clear);
    var names = D.kommuner.map(function (k) { return k[1]; });
    ui.widen.appendChild(el("p", { text: t
      ? "Ordet søges i begyndelsen af ordene i aktiviteternes navn, beskrivelse, sted, målgrupper og temaer. Prøv et kortere eller andet ord."
      : "Der er ingen aktiviteter med netop den kombination." }));
    if (names.length) ui.widen.appendChild(el("p", { text: "Overblik har aktiviteter fra " +
      (names.length > 1 ? names.slice(0, -1).join(", ") + " og " : "") + names[names.length - 1] + "." }));
    ui.widen.appendChild(el("div", { className: "ob-finder__buttons" }, buttons));
  }

  var chosenKey = "";

  function drawChosen() {
    var key = text.trim();
    facets.forEach(function (f) {
      if (!f.nSelected) return;
      key += "|" + f.key;
      for (var i in f.selected) if (f.selected[i]) key += "," + i;
    });
    if (key === chosenKey) return;
    chosenKey = key;
    var frag = document.createDocumentFragment();
    facets.forEach(function (f) {
      f.values.forEach(function (v, i) {
        if (!f.selected[i]) return;
        frag.appendChild(chip(f.name + ": " + v.label, v.label, function () {
          v.input.checked = false;
          f.selected[i] = false;
          f.nSelected--;
          update({ history: "facet" });
        }));
      });
    });
    if (text.trim()) {
      frag.appendChild(chip("ordene «" + text.trim() + "»", "«" + text.trim() + "»", function () {
        text = "";
        ui.text.value = "";
        update({ history: "facet" });
      }));
    }
    ui.chosenList.textContent = "";
    ui.chosenList.appendChild(frag);
    ui.chosen.hidden = !ui.chosenList.firstChild;
  }

  function chip(spoken, shown, remove) {
    var button = el("button", { type: "button", className: "ob-finder__chip" }, [
      el("span", { text: shown }),
      el("span", { "aria-hidden": "true", className: "ob-finder__x", text: "×" })
    ]);
    button.setAttribute("aria-label", "Fjern " + spoken);
    button.addEventListener("click", function () {
      remove();
      // Keep the keyboard nearby: the first remaining choice, else the text box.
      var next = ui.chosenList.querySelector("button");
      (next || ui.text).focus();
    });
    return el("li", null, [button]);
  }

  function clearAll() {
    facets.forEach(function (f) { f.selected = {}; f.nSelected = 0; });
    text = "";
    syncControls();
    limit = PAGE_SIZE;
    update({ history: "facet" });
    ui.text.focus();
  }

  function showMore() {
    var before = ui.list.children.length;
    limit += PAGE_SIZE;
    update({});
    var first = ui.list.children[before];
    if (first) first.querySelector("a").focus();
  }

  // --- distances: "Nær mig" and "Hvor bor du?" ----------------------------------------------

  function locate() {
    ui.geo.textContent = "Finder din position …";
    var townsReady = loadTowns().catch(function () { return null; }); // for "i din kommune" only
    navigator.geolocation.getCurrentPosition(function (pos) {
      var here = { lat: pos.coords.latitude, lon: pos.coords.longitude, kode: 0, name: "din position", town: false };
      setOrigin(here, { sort: "afstand" });
      townsReady.then(function () {
        if (origin !== here || !towns) return;
        var nearest = null, best = Infinity;
        towns.forEach(function (t) {
          var d = distance(here.lat, here.lon, t.lat, t.lon);
          if (d < best) { best = d; nearest = t; }
        });
        // The nearest town's municipality is where you are, as well as we can tell.
        if (nearest && best < 15) { here.kode = nearest.kode; update({}); }
      });
    }, function (err) {
      ui.geo.textContent = (err && err.code === 1
        ? "Du har ikke givet lov til at bruge din position, så listen er ikke sorteret efter afstand."
        : "Din position kunne ikke findes lige nu, så listen er ikke sorteret efter afstand. Prøv igen.") +
        (ui.town ? " Du kan i stedet skrive din by under «Hvor bor du?»." : "");
    }, { enableHighAccuracy: false, timeout: 20000, maximumAge: 300000 });
  }

  // The gazetteer (data/byer.json): fetched the first time the visitor asks.
  function loadTowns() {
    if (!townsPromise) {
      townsPromise = fetch(new URL(D.byer, dataUrl).href, { credentials: "same-origin" })
        .then(function (r) { if (!r.ok) throw new Error("HTTP " + r.status); return r.json(); })
        .then(function (g) {
          var seen = {};
          g.byer.forEach(function (t) { seen[t[0]] = (seen[t[0]] || 0) + 1; });
          towns = g.byer.map(function (t) {
            var kommune = g.kommuner[t[3]] || "";
            var label = seen[t[0]] > 1 && kommune ? t[0] + " (" + kommune + ")" : t[0];
            return { name: t[0], label: label, lat: t[1], lon: t[2], kode: t[3], key: fold(t[0]), labelKey: fold(label), words: words(t[0]) };
          });
          return towns;
        });
      townsPromise.catch(function () { townsPromise = null; });
    }
    return townsPromise;
  }

  function townsFailed() {
    ui.townMsg.textContent = "Listen over byer kunne ikke hentes lige nu. Prøv igen, eller brug «Nær mig».";
  }

  function findTown(q) {
    var key = fold(q.trim());
    var exact = towns.filter(function (t) { return t.labelKey === key; });
    return exact.length ? exact : towns.filter(function (t) { return t.key === key; });
  }

  function editDistance(a, b) {
    var prev = [], cur, i, j;
    for (j = 0; j <= b.length; j++) prev[j] = j;
    for (i = 1; i <= a.length; i++) {
      cur = [i];
      for (j = 1; j <= b.length; j++) {
        cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      }
      prev = cur;
    }
    return prev[b.length];
  }

  // Towns with a word that begins as typed; else those spelled most alike.
  function townMatches(q) {
    var key = fold(q.trim()), start = " " + words(q).trim();
    if (!key) return { found: [], close: false };
    var found = towns.filter(function (t) { return t.words.indexOf(start) >= 0; });
    found.sort(function (a, b) { return (a.key.indexOf(key) === 0 ? 0 : 1) - (b.key.indexOf(key) === 0 ? 0 : 1) || (a.label < b.label ? -1 : 1); });
    if (found.length) return { found: found.slice(0, 6), close: false };
    var scored = towns.map(function (t) { return [editDistance(key, t.key), t]; })
      .filter(function (x) { return x[0] <= Math.max(2, Math.floor(key.length / 3)); });
    scored.sort(function (a, b) { return a[0] - b[0] || (a[1].label < b[1].label ? -1 : 1); });
    return { found: scored.slice(0, 3).map(function (x) { return x[1]; }), close: true };
  }

  function showTowns(list) {
    ui.townList.textContent = "";
    list.forEach(function (t) {
      var b = el("button", { type: "button", className: "ob-finder__town-option", text: t.label });
      b.addEventListener("click", function () { setOrigin(townOrigin(t), { sort: "afstand", history: true }); ui.town.focus(); });
      ui.townList.appendChild(el("li", null, [b]));
    });
  }

  function suggestTowns() {
    var q = ui.town.value;
    ui.townMsg.textContent = "";
    if (fold(q.trim()).length < 2) { showTowns([]); return; }
    loadTowns().then(function () {
      if (ui.town.value !== q) return;
      var m = townMatches(q);
      showTowns(m.found);
      if (m.close && m.found.length) ui.townMsg.textContent = "Ingen byer begynder med «" + q.trim() + "». Mente du:";
      else if (!m.found.length) ui.townMsg.textContent = "Ingen byer passer til «" + q.trim() + "».";
    }, townsFailed);
  }

  function explainTown(q, found) {
    if (found.length > 1) {
      ui.townMsg.textContent = "Der er flere byer, der hedder «" + q + "». Vælg den rigtige:";
      showTowns(found);
      return;
    }
    var m = townMatches(q);
    showTowns(m.found);
    ui.townMsg.textContent = "Vi kender ikke byen «" + q + "». Overblik kender byer med mere end ca. 1.000 indbyggere. " +
      (m.found.length ? "Mente du:" : "Skriv navnet på den nærmeste større by, eller brug «Nær mig».");
  }

  function chooseTyped() {
    var q = ui.town.value.trim();
    if (!q) { ui.townMsg.textContent = "Skriv navnet på din by, fx Vallensbæk."; ui.town.focus(); return; }
    loadTowns().then(function () {
      var found = findTown(q);
      if (found.length === 1) setOrigin(townOrigin(found[0]), { sort: "afstand", history: true });
      else explainTown(q, found);
    }, townsFailed);
  }

  function townOrigin(t) {
    return { lat: t.lat, lon: t.lon, kode: t.kode, name: t.label, town: true };
  }

  // Distances from `o` to every activity (its nearest location), and the
  // activities sorted by them: unknown places last, ties by name.
  function setOrigin(o, opts) {
    if (window.performance && performance.mark) performance.mark("ob-finder-sort-start");
    origin = o;
    var lat = o.lat, lon = o.lon;
    for (var i = 0; i < N; i++) {
      var it = items[i], best = null, bestD = Infinity;
      for (var k = 0; k < it.locs.length; k++) {
        var l = it.locs[k], d = distance(lat, lon, l[0], l[1]);
        if (d < bestD) { bestD = d; best = l; }
      }
      it.dist = bestD;
      it.best = best;
    }
    var rank = orders.rank;
    orders.afstand = Int32Array.from(orders.navn).sort(function (x, y) {
      var dx = items[x].dist, dy = items[y].dist;
      return dx === dy ? rank[x] - rank[y] : dx < dy ? -1 : 1;
    });
    sortBy = opts.sort || sortBy;
    if (ui.near) ui.near.setAttribute("aria-pressed", o.town ? "false" : "true");
    ui.town.value = o.town ? o.name : "";
    ui.townMsg.textContent = "";
    showTowns([]);
    ui.forget.hidden = false;
    syncControls();
    limit = PAGE_SIZE;
    update({ history: opts.history || !o.town ? "facet" : null });
    if (window.performance && performance.measure) performance.measure("ob-finder-sort", "ob-finder-sort-start");
  }

  function clearOrigin() {
    origin = null;
    orders.afstand = null;
    items.forEach(function (it) { it.dist = Infinity; it.best = null; });
    if (sortBy === "afstand") sortBy = "navn";
    if (ui.near) ui.near.setAttribute("aria-pressed", "false");
    ui.town.value = "";
    ui.forget.hidden = true;
    ui.geo.textContent = "";
  }

  // --- start -------------------------------------------------------------------------------

  function start(data) {
    index(data, dataUrl);
    build();
    readUrl();
    applyWanted();
    syncControls();
    update({});
    window.addEventListener("popstate", function () {
      cancelUrl();
      lastHistory = null;
      readUrl();
      applyWanted();
      syncControls();
      limit = PAGE_SIZE;
      update({});
    });
    root.hidden = false;
    // The full list is only for browsers without the script; with thousands of
    // activities it would slow every redraw, even hidden.
    staticList.parentNode.removeChild(staticList);
    root.setAttribute("data-ready", "true");
    if (window.performance && performance.mark) performance.mark("ob-finder-ready");
  }

  if (window.performance && performance.mark) performance.mark("ob-finder-start");
  var dataUrl = new URL(root.getAttribute("data-src"), document.baseURI).href;
  fetch(dataUrl, { credentials: "same-origin" })
    .then(function (r) {
      if (!r.ok) throw new Error("HTTP " + r.status);
      return r.json();
    })
    .then(function (data) {
      if (!data || data.version !== 2) throw new Error("ukendt version");
      start(data);
    })
    .catch(function (err) {
      if (window.console) console.warn("Aktivitetsfinderen kunne ikke starte:", err);
      staticList.insertBefore(el("p", { className: "ob-note",
        text: "Filtrene kunne ikke hentes lige nu. Her er hele listen i stedet." }), staticList.firstChild);
    });
})();
