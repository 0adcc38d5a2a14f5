/* Invitations: insert a standard text into the message with one click (without JS the button posts it). */
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-insert-text]");
    if (!button) { return; }
    var target = document.querySelector(button.getAttribute("data-insert-target"));
    if (!target) { return; }
    event.preventDefault();
    var text = button.getAttribute("data-insert-text");
    var value = target.value;
    var at = typeof target.selectionStart === "number" ? target.selectionStart : value.length;
    var before = value.slice(0, at).replace(/\s+$/, "");
    var after = value.slice(at).replace(/^\s+/, "");
    var joined = (before ? before + "\n\n" : "") + text + (after ? "\n\n" + after : "");
    target.value = joined;
    target.focus();
    var caret = (before ? before.length + 2 : 0) + text.length;
    target.setSelectionRange(caret, caret);
  });
})();
