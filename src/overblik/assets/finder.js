// Overblik: the activity finder.
//
// The page already lists every activity without JavaScript. This script reads
// the finder's data file (format: src/overblik/finderdata.py), adds filters,
// a text box and "Nær mig", and replaces the list with the matching cards.
// If anything fails, the full list stays. Content is only ever put in the
// page as text (textContent), never as HTML.
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
  var TEXT_PARAM = "tekst";

  var D, N, W, LAST_WORD;
  var items = []; // per activity: {href, place, when, price, join, groups, kommune, hay, dist}
  var facets = []; // {key, title, values: [{id, label, note, bits, input, count, option}], selected, details, chosen}
  var byKey = {};
  var text = "", textBits = null, textCacheKey = null;
  var order = null, nearOrder = null, near = false, hasCoordinates = false, unplaced = null;
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
      var placeText = [], hay = [a.n, a.r, a.o || ""], coords = [];
      (a.s || []).forEach(function (p) {
        var s = steder[p], area = s[1] >= 0 ? omraader[s[1]] : null;
        placeText.push(area ? s[0] + ", " + area[1] : s[0]);
        hay.push(s[0]);
        if (area) { hay.push(area[1]); setBit(values.omraade[s[1]].bits, i); }
        if (s.length > 3) coords.push([s[2], s[3]]);
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
      if (coords.length) hasCoordinates = true;
      else setBit(unplaced, i);
      items.push({
        href: base + encodeURIComponent(a.u) + D.url[1],
        place: placeText.join("; "),
        kommune: kommune,
        when: when.join("; "),
        price: price ? price[1] : "",
        join: a.d !== undefined ? D.deltagelse[a.d][2] : "",
        groups: groups.join(", "),
        hay: fold(hay.concat(groups).join(" \u0001 ")),
        coords: coords,
        dist: Infinity
      });
    }
    order = new Int32Array(N);  // the data's order: municipality, then name
    for (var j = 0; j < N; j++) order[j] = j;

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

  function currentTextBits() {
    var words = fold(text).split(/\s+/).filter(Boolean);
    var key = words.join(" ");
    if (!key) return null;
    if (key === textCacheKey) return textBits;
    var b = bitset();
    outer: for (var i = 0; i < N; i++) {
      var hay = items[i].hay;
      for (var k = 0; k < words.length; k++) if (hay.indexOf(words[k]) < 0) continue outer;
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

    ui.text = el("input", { id: "ob-finder-text", className: "ob-input", type: "search", name: TEXT_PARAM, autocomplete: "off",
      "aria-describedby": "ob-finder-text-help", placeholder: "Fx kaffe, strik eller sorg" });
    form.appendChild(el("div", { className: "ob-finder__text" }, [
      el("label", { "for": "ob-finder-text", text: "Søg efter ord" }),
      ui.text,
      el("p", { id: "ob-finder-text-help", className: "ob-note", text: "Du kan skrive ae, oe og aa for æ, ø og å." })
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

    // "Nær mig": asks for the position only when pressed; used only in the browser.
    var nearBox = el("div", { className: "ob-finder__near" });
    if (hasCoordinates && navigator.geolocation) {
      ui.near = el("button", { type: "button", className: "ob-button", "aria-pressed": "false", text: "Nær mig" });
      ui.byName = el("button", { type: "button", className: "ob-button ob-button--secondary", hidden: true, text: "Sortér efter navn" });
      ui.near.addEventListener("click", locate);
      ui.byName.addEventListener("click", function () { setNear(false); ui.near.focus(); });
      nearBox.appendChild(el("div", { className: "ob-finder__buttons" }, [ui.near, ui.byName]));
      nearBox.appendChild(el("p", { className: "ob-note", text: "Sortér efter afstand fra dig. Din position bliver kun brugt i din browser og sendes ikke videre." }));
    } else {
      nearBox.appendChild(el("p", { className: "ob-note", text: hasCoordinates
        ? "Din browser kan ikke oplyse din position, så listen kan ikke sorteres efter afstand."
        : "«Nær mig» kan ikke bruges endnu: ingen af aktiviteternes steder har en kendt placering." }));
    }
    ui.geo = el("p", { className: "ob-finder__geo", role: "status" });
    nearBox.appendChild(ui.geo);

    ui.status = el("p", { id: "ob-finder-status", className: "ob-count ob-finder__status", role: "status", "aria-live": "polite", "aria-atomic": "true" });
    ui.chosenList = el("ul", { className: "ob-finder__chosen-list" });
    ui.clear = el("button", { type: "button", className: "ob-button ob-button--secondary", id: "ob-finder-clear", text: "Ryd alle" });
    ui.clear.addEventListener("click", clearAll);
    ui.chosen = el("div", { className: "ob-finder__chosen", hidden: true }, [
      el("h3", { className: "ob-finder__chosen-title", text: "Dine valg" }), ui.chosenList, ui.clear
    ]);
    ui.list = el("ul", { className: "ob-finder-list ob-finder-results", id: "ob-finder-list" });
    ui.more = el("button", { type: "button", className: "ob-button ob-finder__more", hidden: true });
    ui.more.addEventListener("click", showMore);

    var results = el("section", { className: "ob-finder__results", "aria-labelledby": "ob-finder-results-title" }, [
      el("h2", { id: "ob-finder-results-title", className: "ob-finder__heading", text: "Aktiviteter" }),
      nearBox, ui.status, ui.chosen, ui.list, ui.more
    ]);
    root.appendChild(el("div", { className: "ob-finder__layout" }, [form, results]));
  }

  // --- cards -------------------------------------------------------------------

  function fact(dl, term, value) {
    dl.appendChild(el("dt", { text: term }));
    dl.appendChild(el("dd", null, [value ? value : el("span", { className: "ob-missing", text: "Ikke oplyst" })]));
  }

  function card(i) {
    if (cards[i]) return cards[i];
    var a = D.aktiviteter[i], it = items[i];
    var dl = el("dl", { className: "ob-finder-facts" });
    fact(dl, "Hvor", [it.place, it.kommune].filter(Boolean).join(" – "));
    fact(dl, "Hvornår", it.when);
    fact(dl, "Pris", it.price);
    fact(dl, "Deltag", it.join);
    fact(dl, "For", it.groups);
    var dist = el("p", { className: "ob-finder-card__distance", hidden: true });
    var li = el("li", { className: "ob-card ob-finder-card", "data-id": a.u }, [
      el("h3", { className: "ob-card__title" }, [el("a", { href: it.href, text: a.n })]),
      dist,
      el("p", { className: "ob-card__summary", text: a.r }),
      dl
    ]);
    cards[i] = { li: li, dist: dist };
    return cards[i];
  }

  // The first `limit` matches in order. Cards already in the list at the
  // right place are left alone, so the browser restyles only what changed.
  function draw(all) {
    var ord = near ? nearOrder : order;
    var list = ui.list, at = list.firstChild, shown = 0;
    for (var k = 0; k < N && shown < limit; k++) {
      var i = ord[k];
      if (!hasBit(all, i)) continue;
      var c = card(i);
      var dist = !near ? "" : isFinite(items[i].dist) ? "Afstand: " + km(items[i].dist) : "Afstand: ukendt (stedet har ingen kendt placering)";
      if (c.dist.textContent !== dist) { c.dist.textContent = dist; c.dist.hidden = !near; }
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
  }

  function urlFor() {
    var params = new URLSearchParams();
    facets.forEach(function (f) {
      f.values.forEach(function (v, i) { if (f.selected[i]) params.append(f.key, v.id); });
    });
    if (text.trim()) params.set(TEXT_PARAM, text.trim());
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
        ? "Ingen aktiviteter passer til dine valg. Prøv at fjerne et filter."
        : plural(total, "aktivitet passer", "aktiviteter passer") + " til dine valg.";
    // While someone types, wait for a pause before announcing the count.
    clearTimeout(announceTimer);
    if (opts.announceLater) announceTimer = setTimeout(function () { ui.status.textContent = message; }, 700);
    else ui.status.textContent = message;
    if (near) {
      // Activities without a known place are never hidden: they come last, and we say so.
      var unknown = countAnd(all, unplaced);
      var geo = "Sorteret efter afstand fra din position.";
      if (unknown && unknown === total) geo += " Ingen af disse aktiviteter har en kendt placering, så de står i den sædvanlige rækkefølge.";
      else if (unknown) geo += " " + plural(unknown, "aktivitet", "aktiviteter") + " uden kendt placering står til sidst.";
      if (ui.geo.textContent !== geo) ui.geo.textContent = geo;
    }
    ui.jump.textContent = total === 1 ? "Se aktiviteten" : total ? "Se de " + thousands(total) + " aktiviteter" : "Se resultatet";
    root.setAttribute("data-count", String(total));
    if (opts.history) scheduleUrl(opts.history);
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

  // --- "Nær mig" -------------------------------------------------------------------------

  function locate() {
    ui.geo.textContent = "Finder din position …";
    navigator.geolocation.getCurrentPosition(function (pos) {
      var lat = pos.coords.latitude, lon = pos.coords.longitude;
      items.forEach(function (it) {
        it.dist = Infinity;
        it.coords.forEach(function (c) { it.dist = Math.min(it.dist, distance(lat, lon, c[0], c[1])); });
      });
      nearOrder = Array.prototype.slice.call(order).sort(function (x, y) {
        var dx = items[x].dist, dy = items[y].dist;
        if (dx === dy) return x - y;
        if (!isFinite(dx)) return 1;
        if (!isFinite(dy)) return -1;
        return dx - dy;
      });
      setNear(true);
    }, function (err) {
      ui.geo.textContent = err && err.code === 1
        ? "Du har ikke givet lov til at bruge din position, så listen er ikke sorteret efter afstand."
        : "Din position kunne ikke findes lige nu, så listen er ikke sorteret efter afstand. Prøv igen.";
    }, { enableHighAccuracy: false, timeout: 20000, maximumAge: 300000 });
  }

  function setNear(on) {
    near = on && !!nearOrder;
    ui.near.setAttribute("aria-pressed", near ? "true" : "false");
    ui.byName.hidden = !near;
    if (!near) ui.geo.textContent = "Sorteret efter kommune og navn.";
    limit = PAGE_SIZE;
    update({});
  }

  // --- start -------------------------------------------------------------------------------

  function start(data, dataUrl) {
    index(data, dataUrl);
    build();
    readUrl();
    syncControls();
    update({});
    window.addEventListener("popstate", function () {
      cancelUrl();
      lastHistory = null;
      readUrl();
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
      if (!data || data.version !== 1) throw new Error("ukendt version");
      start(data, dataUrl);
    })
    .catch(function (err) {
      if (window.console) console.warn("Aktivitetsfinderen kunne ikke starte:", err);
      staticList.insertBefore(el("p", { className: "ob-note",
        text: "Filtrene kunne ikke hentes lige nu. Her er hele listen i stedet." }), staticList.firstChild);
    });
})();
