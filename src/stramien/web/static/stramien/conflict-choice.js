// Conflict pages: "use mine" / "use theirs" puts that text into the form's field at once;
// typing in the field chooses "edit by hand". Without this script the server applies the
// choice when the form is saved (see programmes/edit_flow.py).
(function () {
  "use strict";
  var CHOICE = "conflict-choice-";

  function field(form, name) {
    var found = form.elements.namedItem(name);
    return found && found.tagName ? found : null;
  }

  document.addEventListener("change", function (event) {
    var radio = event.target;
    if (!radio.form || radio.type !== "radio" || radio.name.indexOf(CHOICE) !== 0) return;
    if (radio.value !== "mine" && radio.value !== "theirs") return;
    var name = radio.name.slice(CHOICE.length);
    var text = field(radio.form, "conflict-" + radio.value + "-" + name);
    var target = field(radio.form, name);
    if (!text || !target) return;
    target.value = text.value;
    target.classList.add("st-conflict-filled");
    target.dispatchEvent(new Event("change", { bubbles: true }));
  });

  document.addEventListener("input", function (event) {
    var target = event.target;
    if (!target.form || !target.name) return;
    var radios = target.form.elements.namedItem(CHOICE + target.name);
    if (!radios || radios.tagName) return;
    for (var i = 0; i < radios.length; i += 1) {
      radios[i].checked = radios[i].value === "hand";
    }
  });
})();
