// dialect report: the details panel of a flow page. No network, no libraries.
(function () {
  "use strict";
  var dataEl = document.getElementById("dg-data");
  var data = dataEl ? JSON.parse(dataEl.textContent) : null;
  var panel = document.getElementById("dg-panel");

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function show(key) {
    var n = data && data.nodes[key];
    if (!n || !panel) return;
    document.querySelectorAll(".dg-selected").forEach(function (g) { g.classList.remove("dg-selected"); });
    document.querySelectorAll(".dg-node").forEach(function (g) {
      if (g.getAttribute("data-key") === key) g.classList.add("dg-selected");
    });
    document.getElementById("dg-panel-title").textContent = n.title;
    var body = document.getElementById("dg-panel-body");
    body.textContent = "";
    body.appendChild(el("div", "at", n.at || ""));
    if (n.hits !== undefined) body.appendChild(el("div", "hits", "entered " + n.hits + " times"));
    if (n.href) {
      var a = el("a", "open-flow", "open flow " + n.title + " →");
      a.href = n.href;
      body.appendChild(a);
    }
    if (n.lines.length) {
      body.appendChild(el("h3", "", "What happens"));
      var ul = el("ul", "says");
      n.lines.forEach(function (l) { ul.appendChild(el("li", "", l)); });
      body.appendChild(ul);
    }
    if (n.outcomes.length) {
      body.appendChild(el("h3", "", "Outcomes"));
      var ol = el("ul", "outcomes");
      n.outcomes.forEach(function (o) {
        var text = o.label + " → " + o.to + (o.hits !== undefined ? "  (×" + o.hits + ")" : "");
        ol.appendChild(el("li", "outcome " + o.kind, text));
      });
      body.appendChild(ol);
    }
    if (n.diagnostics.length) {
      body.appendChild(el("h3", "", "Diagnostics"));
      var dl = el("ul", "diagnostics");
      n.diagnostics.forEach(function (d) {
        var li = el("li", "diag " + d.severity, d.code + " " + d.message + " (" + d.at + ")");
        if (d.help) li.appendChild(el("div", "help", "help: " + d.help));
        dl.appendChild(li);
      });
      body.appendChild(dl);
    }
    panel.hidden = false;
  }

  document.querySelectorAll(".dg-node").forEach(function (g) {
    g.addEventListener("click", function () { show(g.getAttribute("data-key")); });
    g.addEventListener("keydown", function (e) {
      if (e.key === "Enter" || e.key === " ") { e.preventDefault(); show(g.getAttribute("data-key")); }
    });
  });
  var close = document.getElementById("dg-panel-close");
  if (close) close.addEventListener("click", function () { panel.hidden = true; });

  // The browser test opens pages with #selftest and reads this report from the DOM.
  if (location.hash === "#selftest") {
    var result = { page: data ? "flow" : "index" };
    if (data) {
      var svg = document.querySelector("svg.dialect-diagram");
      var nodes = document.querySelectorAll(".dg-node");
      var drawn = 0;
      nodes.forEach(function (g) { var b = g.getBBox(); if (b.width > 0 && b.height > 0) drawn++; });
      result.flow = data.flow;
      result.svg = !!svg;
      result.svgWidth = svg ? svg.getBoundingClientRect().width : 0;
      result.nodes = nodes.length;
      result.drawn = drawn;
      result.expected = Object.keys(data.nodes).length;
      var step = document.querySelector(".dg-node.dg-step, .dg-node.dg-terminal");
      if (step) {
        step.dispatchEvent(new MouseEvent("click", { bubbles: true }));
        result.clicked = step.getAttribute("data-key");
        result.panelVisible = !panel.hidden && panel.getBoundingClientRect().width > 0;
        result.panelTitle = document.getElementById("dg-panel-title").textContent;
        result.panelText = document.getElementById("dg-panel-body").textContent;
      }
    } else {
      result.flows = Array.prototype.map.call(document.querySelectorAll("a.flow-link"), function (a) {
        return a.getAttribute("href");
      });
    }
    var pre = el("pre", "", JSON.stringify(result));
    pre.id = "dg-selftest";
    pre.hidden = true;
    document.body.appendChild(pre);
  }
})();
