/* Questionnaire pages: hide questions the skip rules skip, and give 0–50 scales a slider.
   The server applies the same skip rules; without script every question is shown. */
(function () {
  "use strict";

  function answerOf(key) {
    var group = document.querySelector('[data-question="' + key + '"]');
    if (!group) { return null; }
    var checked = group.querySelector("input[type=radio]:checked");
    return checked ? checked.value : null;
  }

  function applySkips() {
    document.querySelectorAll("[data-skip-when]").forEach(function (question) {
      var conditions = JSON.parse(question.getAttribute("data-skip-when"));
      var skipped = conditions.some(function (c) { return c["in"].indexOf(answerOf(c.q)) !== -1; });
      question.hidden = skipped;
    });
  }

  function addSliders() {
    document.querySelectorAll("input[data-scale-min]").forEach(function (input) {
      var slider = document.createElement("input");
      slider.type = "range";
      slider.min = input.getAttribute("data-scale-min");
      slider.max = input.getAttribute("data-scale-max");
      slider.step = "1";
      slider.value = input.value || slider.min;
      slider.className = "scale-slider";
      slider.tabIndex = -1;  // the number field is the control for keyboard and screen readers
      slider.setAttribute("aria-hidden", "true");
      if (!input.value) { slider.classList.add("scale-slider--unset"); }
      slider.addEventListener("input", function () {
        input.value = slider.value;
        slider.classList.remove("scale-slider--unset");
      });
      slider.addEventListener("change", function () {
        input.dispatchEvent(new Event("change", { bubbles: true }));
      });
      input.addEventListener("input", function () {
        if (input.value !== "") { slider.value = input.value; slider.classList.remove("scale-slider--unset"); }
      });
      input.insertAdjacentElement("afterend", slider);
    });
  }

  function ready() {
    applySkips();
    addSliders();
    document.addEventListener("change", function (event) {
      if (event.target.matches("input[type=radio]")) { applySkips(); }
    });
  }

  if (document.readyState !== "loading") { ready(); } else { document.addEventListener("DOMContentLoaded", ready); }
})();
