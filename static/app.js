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
})();
