/* stancegraph page: draws the network in #sg-data with vis-network, offline.
 * Every string from the data is put into the page with textContent or as canvas
 * text, never parsed as HTML. Node and edge ids are opaque ("n12", "e40").
 * window.stancegraph exposes the network and the data sets for tests. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("sg-data").textContent);
  var config = data.config;
  var api = { ready: false, stableAt: null, errors: [] };
  window.stancegraph = api;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  function truncate(text, limit) {
    var chars = Array.from(text);
    if (chars.length <= limit) { return text; }
    return chars.slice(0, limit).join("").replace(/\s+\S*$/, "") + "\u2026";
  }

  function safeUrl(url) {
    return typeof url === "string" && /^https?:\/\/[^\s]+$/i.test(url) ? url : null;
  }

  var nodeInfo = {};
  var edgeInfo = {};
  var incident = {};
  data.nodes.forEach(function (n) { nodeInfo[n.id] = n; incident[n.id] = []; });
  data.edges.forEach(function (e) {
    edgeInfo[e.id] = e;
    incident[e.from].push(e.id);
    incident[e.to].push(e.id);
  });

  function lines(details) {
    var box = el("div", "sg-lines");
    details.forEach(function (pair) {
      var row = el("div");
      row.appendChild(el("b", null, pair[0] + ": "));
      row.appendChild(document.createTextNode(pair[1]));
      box.appendChild(row);
    });
    return box;
  }

  function evidence(ev, full) {
    var box = el("div", "sg-ev");
    var head = el("div", "sg-ev-head");
    head.appendChild(el("span", "sg-stance-" + (ev.polarity < 0 ? "oppose" : "support"), ev.stance));
    head.appendChild(document.createTextNode(" \u00b7 " + ev.actor + " (" + ev.side + ")"));
    if (ev.cue) { head.appendChild(document.createTextNode(" \u2014 " + ev.cue)); }
    if (ev.conditional) { head.appendChild(document.createTextNode(" (conditional)")); }
    box.appendChild(head);
    var quote = full ? ev.quote : truncate(ev.quote, config.quoteChars);
    box.appendChild(el("blockquote", "sg-quote", "\u201c" + quote + "\u201d"));
    box.appendChild(el("div", "sg-ev-pos", ev.position));
    var article = data.articles[ev.article];
    if (article) {
      var src = el("div", "sg-ev-src");
      var when = [article.publisher, article.published].filter(Boolean).join(", ");
      src.appendChild(document.createTextNode(article.title + (when ? " (" + when + ")" : "")));
      var url = full ? safeUrl(article.url) : null;
      if (url) {
        var link = el("a", null, "open article");
        link.href = url;
        link.rel = "noopener noreferrer";
        link.target = "_blank";
        src.appendChild(document.createTextNode(" "));
        src.appendChild(link);
      }
      box.appendChild(src);
    }
    return box;
  }

  function claimsOf(kind, id) {
    if (kind === "edge") { return edgeInfo[id].evidence; }
    var all = nodeInfo[id].evidence.slice();
    incident[id].forEach(function (eid) { all = all.concat(edgeInfo[eid].evidence); });
    return all;
  }

  function describe(kind, id, full) {
    var info = kind === "node" ? nodeInfo[id] : edgeInfo[id];
    var box = el("div");
    var title = kind === "node" ? info.label
      : nodeInfo[info.from].label + " \u2014 " + nodeInfo[info.to].label;
    box.appendChild(el("div", "sg-title", title));
    box.appendChild(lines(info.details));
    var claims = claimsOf(kind, id);
    var shown = full ? claims : claims.slice(0, config.tooltipClaims);
    shown.forEach(function (ev) { box.appendChild(evidence(ev, full)); });
    if (!full && claims.length) {
      var more = claims.length - shown.length;
      box.appendChild(el("div", "sg-more",
        (more > 0 ? "+" + more + " more. " : "") + "Click for the full quotes."));
    }
    return box;
  }
  api.describe = describe;
  api.labelOf = function (id) { return nodeInfo[id].label; };

  var tooltip = document.getElementById("sg-tooltip");
  var panel = document.getElementById("sg-panel");
  var panelBody = document.getElementById("sg-panel-body");

  function showTooltip(kind, id, pointer) {
    tooltip.replaceChildren(describe(kind, id, false));
    tooltip.hidden = false;
    var area = tooltip.parentNode.getBoundingClientRect();
    var x = Math.min(pointer.x + 14, area.width - tooltip.offsetWidth - 8);
    var y = Math.min(pointer.y + 14, area.height - tooltip.offsetHeight - 8);
    tooltip.style.left = Math.max(4, x) + "px";
    tooltip.style.top = Math.max(4, y) + "px";
  }
  function hideTooltip() { tooltip.hidden = true; }

  function showPanel(kind, id) {
    hideTooltip();
    panelBody.replaceChildren(describe(kind, id, true));
    panel.hidden = false;
    panel.scrollTop = 0;
  }
  api.showPanel = showPanel;
  document.getElementById("sg-panel-close").addEventListener("click", function () {
    panel.hidden = true;
  });

  var nodes = new vis.DataSet(data.nodes.map(function (n) { return n.vis; }));
  var edges = new vis.DataSet(data.edges.map(function (e) { return e.vis; }));
  var large = data.edges.length > config.smoothEdgesUpTo;
  var network = new vis.Network(document.getElementById("sg-network"), { nodes: nodes, edges: edges }, {
    physics: { enabled: false },
    layout: { improvedLayout: false },
    interaction: { hover: true, tooltipDelay: 3600000, hideEdgesOnDrag: large, hideEdgesOnZoom: large },
    nodes: { font: { face: "system-ui, Noto Sans, DejaVu Sans, sans-serif", size: 15, color: "#1f2933", strokeWidth: 3, strokeColor: "#ffffff" } },
    edges: { smooth: large ? false : { type: "curvedCW", roundness: 0.08 }, selectionWidth: 2 }
  });
  network.fit({ maxZoomLevel: 1.3, animation: false });
  network.moveTo({ scale: network.getScale() * 0.9, animation: false });
  api.network = network;
  api.nodes = nodes;
  api.edges = edges;

  network.on("hoverNode", function (p) { showTooltip("node", p.node, p.pointer.DOM); });
  network.on("hoverEdge", function (p) { showTooltip("edge", p.edge, p.pointer.DOM); });
  network.on("blurNode", hideTooltip);
  network.on("blurEdge", hideTooltip);
  network.on("dragStart", hideTooltip);
  network.on("zoom", hideTooltip);
  network.on("click", function (p) {
    if (p.nodes.length) { showPanel("node", p.nodes[0]); }
    else if (p.edges.length) { showPanel("edge", p.edges[0]); }
    else { panel.hidden = true; }
  });
  network.once("afterDrawing", function () {
    api.stableAt = performance.now();
    api.ready = true;
  });

  /* Filters: node facets and edge categories; then edges of hidden nodes and
   * nodes left without a visible edge are hidden too. */
  function filterState() {
    return data.filters.map(function (f, i) {
      var allowed = {};
      if (f.control === "select") {
        var value = document.getElementById("sg-filter-" + i).value;
        f.options.forEach(function (option, j) { allowed[option] = value === "" || value === String(j); });
      } else {
        f.options.forEach(function (option, j) {
          allowed[option] = document.getElementById("sg-filter-" + i + "-" + j).checked;
        });
      }
      return { target: f.target, field: f.field, allowed: allowed };
    });
  }

  function applyFilters() {
    var state = filterState();
    var nodeShown = {};
    data.nodes.forEach(function (n) {
      nodeShown[n.id] = state.every(function (f) {
        if (f.target !== "node" || !(f.field in n.facets)) { return true; }
        return f.allowed[n.facets[f.field]] === true;
      });
    });
    var edgeShown = {};
    var degree = {};
    data.edges.forEach(function (e) {
      var shown = nodeShown[e.from] && nodeShown[e.to] && state.every(function (f) {
        return f.target !== "edge" || f.allowed[e.category] === true;
      });
      edgeShown[e.id] = shown;
      if (shown) { degree[e.from] = true; degree[e.to] = true; }
    });
    var nodeChanges = [];
    data.nodes.forEach(function (n) {
      var hidden = !nodeShown[n.id] || (incident[n.id].length > 0 && !degree[n.id]);
      if (nodes.get(n.id).hidden !== hidden) { nodeChanges.push({ id: n.id, hidden: hidden }); }
    });
    var edgeChanges = [];
    data.edges.forEach(function (e) {
      var hidden = !edgeShown[e.id];
      if (edges.get(e.id).hidden !== hidden) { edgeChanges.push({ id: e.id, hidden: hidden }); }
    });
    nodes.update(nodeChanges);
    edges.update(edgeChanges);
  }
  api.applyFilters = applyFilters;
  api.visibleCounts = function () {
    return {
      nodes: nodes.get({ filter: function (n) { return !n.hidden; } }).length,
      edges: edges.get({ filter: function (e) { return !e.hidden; } }).length
    };
  };
  Array.prototype.forEach.call(document.querySelectorAll(".sg-filter input, .sg-filter select"), function (input) {
    input.addEventListener("change", applyFilters);
  });

  /* Search: labels containing the query, case-insensitive. */
  var search = document.getElementById("sg-search");
  var results = document.getElementById("sg-results");
  var folded = data.nodes.map(function (n) { return [n.label.toLocaleLowerCase(), n.id]; });
  function focusNode(id) {
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 1.0), animation: false });
    showPanel("node", id);
  }
  api.focusNode = focusNode;
  search.addEventListener("input", function () {
    var query = search.value.trim().toLocaleLowerCase();
    results.replaceChildren();
    if (!query) { return; }
    var found = 0;
    for (var i = 0; i < folded.length && found < config.searchResults; i++) {
      if (folded[i][0].indexOf(query) < 0) { continue; }
      var info = nodeInfo[folded[i][1]];
      var item = el("li", null, info.label);
      item.appendChild(el("span", "sg-kind", " " + info.kind));
      item.addEventListener("click", focusNode.bind(null, info.id));
      results.appendChild(item);
      found += 1;
    }
    if (!found) { results.appendChild(el("li", "sg-muted", "no match")); }
  });
  search.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && results.firstChild) { results.firstChild.click(); }
  });
})();
