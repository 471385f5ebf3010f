// Trajectory's only script besides htmx: behaviour wired by data attributes, no inline code (CSP).
(function () {
  "use strict";

  function closeToast(toast) {
    if (toast && toast.parentNode) toast.parentNode.removeChild(toast);
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest(".toast-close");
    if (button) closeToast(button.closest(".toast"));
  });

  // Toasts disappear by themselves after a while; errors stay until closed.
  document.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail.target;
    if (!target || target.id !== "toasts") return;
    target.querySelectorAll(".toast:not(.toast-error)").forEach(function (toast) {
      setTimeout(function () { closeToast(toast); }, 6000);
    });
  });

  // Plotly figures: <div data-plotly="ID"> drawn from the JSON in <script type="application/json" id="ID">.
  // plotly.min.js is loaded (deferred, after this file) only on pages with charts.
  function drawFigures(root) {
    if (typeof window.Plotly === "undefined") return;
    root.querySelectorAll("[data-plotly]").forEach(function (el) {
      var source = document.getElementById(el.getAttribute("data-plotly"));
      if (!source || el.getAttribute("data-drawn")) return;
      var figure = JSON.parse(source.textContent);
      window.Plotly.newPlot(el, figure.data, figure.layout, figure.config || {});
      el.setAttribute("data-drawn", "1");
    });
  }
  document.addEventListener("DOMContentLoaded", function () { drawFigures(document); });
  document.addEventListener("htmx:afterSwap", function (event) { drawFigures(event.detail.target); });
})();
