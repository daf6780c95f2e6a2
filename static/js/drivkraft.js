/* Drivkraft: small helpers. Loaded as a file (CSP 'self'); no inline scripts anywhere. */
(function () {
  "use strict";

  var dirtyForms = new Set();
  var warnText = document.documentElement.lang === "en"
    ? "You have unsaved text. Leave the page anyway?"
    : "Du har tekst, der ikke er gemt. Vil du forlade siden alligevel?";

  /* Forms marked data-warn-unsaved become dirty on input and clean on submit. */
  function watchForm(form) {
    if (form.dataset.warnWatched) return;
    form.dataset.warnWatched = "1";
    form.addEventListener("input", function () { dirtyForms.add(form); });
    form.addEventListener("change", function () { dirtyForms.add(form); });
    form.addEventListener("submit", function () { dirtyForms.delete(form); });
  }

  function watchAll(root) {
    (root || document).querySelectorAll("form[data-warn-unsaved]").forEach(watchForm);
  }

  window.addEventListener("beforeunload", function (event) {
    var stillDirty = Array.from(dirtyForms).some(function (form) { return document.body.contains(form); });
    if (!stillDirty) return undefined;
    event.preventDefault();
    event.returnValue = warnText;
    return warnText;
  });

  /* A select marked data-autosubmit submits its form on change (the button stays for keyboards). */
  document.addEventListener("change", function (event) {
    var target = event.target;
    if (target.matches && target.matches("select[data-autosubmit]") && target.form) {
      target.form.submit();
    }
  });

  /* Buttons with data-confirm ask before submitting a plain (non-htmx) form. */
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-confirm]");
    if (button && !button.hasAttribute("hx-confirm") && !window.confirm(button.dataset.confirm)) {
      event.preventDefault();
    }
  });

  document.addEventListener("DOMContentLoaded", function () { watchAll(document); });

  /* htmx: re-arm helpers in swapped content, keep the CSRF header on every request, and let
     an htmx form submit count as saved (its own form is clean again). */
  document.addEventListener("htmx:load", function (event) { watchAll(event.target); });
  document.addEventListener("htmx:configRequest", function (event) {
    var token = document.querySelector("input[name=csrfmiddlewaretoken]");
    if (token && !event.detail.headers["X-CSRFToken"]) {
      event.detail.headers["X-CSRFToken"] = token.value;
    }
  });
  document.addEventListener("htmx:afterRequest", function (event) {
    var form = event.detail.elt && event.detail.elt.closest && event.detail.elt.closest("form");
    if (form && event.detail.successful) dirtyForms.delete(form);
  });
})();
