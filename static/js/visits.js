/* The visit page: the 5-minute rest timer. Values are saved by htmx (autosave.js handles failures). */
(function () {
  "use strict";

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  function startTimer(timer) {
    var ends = timer.getAttribute("data-rest-ends");
    if (!ends || timer.getAttribute("data-rest-running")) { return; }
    timer.setAttribute("data-rest-running", "true");
    var end = new Date(ends).getTime();
    var clock = timer.querySelector("[data-rest-clock]");
    var status = timer.querySelector("[data-rest-status]");
    var running = timer.getAttribute("data-text-running");
    var done = timer.getAttribute("data-text-done");
    var lastMinute = null;
    function tick() {
      var left = Math.max(0, Math.round((end - Date.now()) / 1000));
      if (clock) { clock.textContent = Math.floor(left / 60) + ":" + pad(left % 60); }
      var minute = Math.ceil(left / 60);
      if (left === 0) {
        if (status) { status.textContent = done; }
        timer.classList.add("rest-timer--done");
        return;
      }
      if (status && minute !== lastMinute) {  // announce once a minute, not every second
        lastMinute = minute;
        status.textContent = running.replace("{minutes}", minute + " min");
      }
      window.setTimeout(tick, 1000);
    }
    tick();
  }

  function init(root) {
    (root.querySelectorAll ? root : document).querySelectorAll("[data-rest-ends]").forEach(startTimer);
    if (root.matches && root.matches("[data-rest-ends]")) { startTimer(root); }
  }

  if (window.htmx) { window.htmx.onLoad(init); }
  else if (document.readyState !== "loading") { init(document); }
  else { document.addEventListener("DOMContentLoaded", function () { init(document); }); }
})();
