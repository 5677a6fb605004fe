// A filter box above every long select (data-stramien-filter): typing part of a name narrows
// the list. Without this script the select is an ordinary one with every choice.
(function () {
  "use strict";

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function attach(select) {
    if (select.dataset.filterReady) {
      return;
    }
    select.dataset.filterReady = "1";
    var all = Array.prototype.slice.call(select.options);
    var box = document.createElement("input");
    box.type = "search";
    box.id = select.id + "-filter";
    box.className = "utrecht-textbox utrecht-textbox--html-input stramien-choice-filter";
    box.setAttribute("aria-label", select.dataset.filterLabel || "");
    box.setAttribute("aria-controls", select.id);
    box.autocomplete = "off";
    box.addEventListener("input", function () {
      var wanted = fold(box.value.trim());
      var chosen = select.value;
      var first = null;
      select.textContent = "";
      all.forEach(function (option) {
        var match = wanted === "" || fold(option.text).indexOf(wanted) !== -1;
        if (match || option.value === chosen) {
          select.appendChild(option);
          if (match && option.value !== "" && first === null) {
            first = option;
          }
        }
      });
      select.value = chosen;
      // The first match is chosen when the old choice no longer fits what was typed.
      var current = select.selectedIndex >= 0 ? select.options[select.selectedIndex] : null;
      if (first !== null && wanted !== "" && (current === null || fold(current.text).indexOf(wanted) === -1)) {
        select.value = first.value;
      }
    });
    select.parentNode.insertBefore(box, select);
  }

  function scan(root) {
    Array.prototype.forEach.call(root.querySelectorAll("select[data-stramien-filter]"), attach);
  }

  scan(document);
  document.addEventListener("htmx:load", function (event) {
    scan(event.target);
  });
})();
