// A link to a field of a form (#id_s-..., from a finding or a search result) brings that
// field into view: it opens what folds the field away (<details>) and puts the focus in it.
// Without JavaScript the browser still scrolls there and the :target style marks the field.
(function () {
  "use strict";
  var CONTROLS = "input:not([type=hidden]):not([disabled]), select:not([disabled]), " +
    "textarea:not([disabled]), button:not([disabled]), a[href]";

  function targetOf(hash) {
    if (!hash || hash.length < 2) return null;
    var id;
    try { id = decodeURIComponent(hash.slice(1)); } catch (e) { return null; }
    var found = document.getElementById(id);
    return found && found.closest(".stramien-schemaform") ? found : null;
  }

  function bringIntoView(target) {
    var control = target.matches(CONTROLS) ? target : target.querySelector(CONTROLS);
    if (!control) {
      if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
      control = target;
    }
    // Open what folds the field away: around it, and inside it up to its first control.
    for (var node = control; node; node = node.parentElement) {
      if (node.tagName === "DETAILS") node.open = true;
    }
    control.focus({ preventScroll: true });
    target.scrollIntoView({ block: "center" });
  }

  function fromLocation() {
    var target = targetOf(window.location.hash);
    if (target) bringIntoView(target);
  }

  // A second click on the same link changes no hash, so "hashchange" does not come.
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[href*='#']");
    if (!link || link.pathname !== window.location.pathname) return;
    if (link.hash !== window.location.hash) return;
    var target = targetOf(link.hash);
    if (target) {
      event.preventDefault();
      bringIntoView(target);
    }
  });
  window.addEventListener("hashchange", fromLocation);
  // After the page has loaded the browser moves the focus to the link's target itself, and
  // to the page when that target (a fieldset) cannot take it; so the focus is set after that.
  if (document.readyState === "complete") {
    fromLocation();
  } else {
    window.addEventListener("load", function () { window.setTimeout(fromLocation, 0); });
  }
})();
