/* RHS Portal behaviour: small, progressive, no inline script (CSP). */
(function () {
  "use strict";

  function ready(fn) {
    if (document.readyState !== "loading") { fn(); } else { document.addEventListener("DOMContentLoaded", fn); }
  }

  ready(function () {
    // Move focus to an error summary so screen readers announce it.
    var summary = document.querySelector("[data-focus-on-load]");
    if (summary) { summary.focus(); }

    // Forms and buttons that ask before they act: data-confirm="question".
    document.addEventListener("submit", function (event) {
      var form = event.target;
      var submitter = event.submitter;
      var question = (submitter && submitter.getAttribute("data-confirm")) || form.getAttribute("data-confirm");
      if (question && !window.confirm(question)) { event.preventDefault(); }
    }, true);

    // Copy buttons: data-copy-target="#id".
    document.querySelectorAll("[data-copy-target]").forEach(function (button) {
      button.addEventListener("click", function () {
        var target = document.querySelector(button.getAttribute("data-copy-target"));
        if (!target) { return; }
        var text = target.value !== undefined ? target.value : target.textContent;
        navigator.clipboard.writeText(text).then(function () {
          var done = button.getAttribute("data-copied-label");
          if (done) { button.textContent = done; }
        });
      });
    });

    // Select-all checkboxes: data-select-all="name-of-checkboxes".
    document.querySelectorAll("[data-select-all]").forEach(function (box) {
      box.addEventListener("change", function () {
        var name = box.getAttribute("data-select-all");
        document.querySelectorAll('input[type="checkbox"][name="' + name + '"]').forEach(function (other) {
          other.checked = box.checked;
        });
      });
    });

    // Warn before the idle logout and let the user stay (a visit lasts longer than the idle limit).
    var seconds = parseInt(document.body.getAttribute("data-session-seconds") || "0", 10);
    var warning = document.getElementById("session-warning");
    if (seconds > 0 && warning) {
      var timer;
      var arm = function () {
        window.clearTimeout(timer);
        warning.hidden = true;
        timer = window.setTimeout(function () { warning.hidden = false; warning.focus(); }, Math.max(seconds - 120, 30) * 1000);
      };
      var stay = document.getElementById("session-stay");
      if (stay) {
        stay.addEventListener("click", function () {
          fetch(stay.getAttribute("data-url"), { credentials: "same-origin" }).then(arm);
        });
      }
      document.body.addEventListener("htmx:afterRequest", arm);
      arm();
    }
  });
})();
