/* Autosave for forms marked data-autosave (questionnaire pages, the visit page).
   htmx posts the form as the user types; this file only handles what can go wrong:
   - the session ended (the answer came from the login or confirm page): the page keeps every
     value, says so, and offers to save again after logging in (in another tab);
   - the network or server failed: say so; the next change tries again.
   No inline script (CSP): behaviour lives here. */
(function () {
  "use strict";

  function autosaveForm(element) {
    return element && element.closest ? element.closest("form[data-autosave]") : null;
  }

  function show(selector, visible) {
    document.querySelectorAll(selector).forEach(function (el) { el.hidden = !visible; });
  }

  function requestPath(detail) {
    var path = (detail.requestConfig && detail.requestConfig.path) || "";
    return path.split("?")[0].replace(/^https?:\/\/[^/]+/, "");
  }

  function redirectedAway(detail) {
    var url = detail.xhr && detail.xhr.responseURL;
    if (!url) { return false; }
    var path = new URL(url, window.location.href).pathname;
    return path !== requestPath(detail);
  }

  document.addEventListener("htmx:beforeSwap", function (event) {
    var form = autosaveForm(event.detail.elt);
    if (!form) { return; }
    if (redirectedAway(event.detail) || event.detail.xhr.status === 403) {
      event.detail.shouldSwap = false;
      event.detail.isError = false;
      form.setAttribute("data-autosave-dirty", "true");
      show("[data-autosave-lost]", true);
      show("[data-autosave-offline]", false);
      return;
    }
    if (event.detail.xhr.status >= 400) {
      event.detail.shouldSwap = false;
      show("[data-autosave-offline]", true);
    }
  });

  document.addEventListener("htmx:sendError", function (event) {
    if (autosaveForm(event.detail.elt)) { show("[data-autosave-offline]", true); }
  });

  document.addEventListener("htmx:afterSwap", function (event) {
    var form = autosaveForm(event.detail.elt);
    if (!form) { return; }
    form.removeAttribute("data-autosave-dirty");
    show("[data-autosave-lost]", false);
    show("[data-autosave-offline]", false);
    document.dispatchEvent(new CustomEvent("autosave:saved", { detail: { form: form } }));
  });

  // After logging in again the CSRF token has changed: fetch the page to learn the new one
  // (the token is in the body's hx-headers), then save every autosave form again.
  function refreshTokenThenSave() {
    fetch(window.location.href, { credentials: "same-origin" }).then(function (response) {
      if (new URL(response.url).pathname !== window.location.pathname) { throw new Error("still logged out"); }
      return response.text();
    }).then(function (html) {
      var doc = new DOMParser().parseFromString(html, "text/html");
      var headers = doc.body && doc.body.getAttribute("hx-headers");
      if (headers) {
        document.body.setAttribute("hx-headers", headers);
        var token = JSON.parse(headers)["X-CSRFToken"];
        // Forms carry the token too, and Django reads the form's before the header.
        document.querySelectorAll("input[name=csrfmiddlewaretoken]").forEach(function (input) { input.value = token; });
      }
      document.querySelectorAll("form[data-autosave]").forEach(function (form) {
        window.htmx.trigger(form, "autosave-retry");
      });
    }).catch(function () {
      show("[data-autosave-lost]", true);
    });
  }

  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-autosave-retry]")) { refreshTokenThenSave(); }
  });

  // A page with unsaved values asks before it is left.
  window.addEventListener("beforeunload", function (event) {
    if (document.querySelector("form[data-autosave][data-autosave-dirty]")) {
      event.preventDefault();
      event.returnValue = "";
    }
  });
  document.addEventListener("submit", function (event) {
    if (event.target.matches && event.target.matches("form[data-autosave]")) {
      event.target.removeAttribute("data-autosave-dirty");
    }
  });
})();
