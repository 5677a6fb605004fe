// "Nog een toevoegen" and a summary table's "Verwijderen" without reloading the page: the
// same request the button makes without JavaScript, sent with fetch; from the page that
// comes back only the list, the checks panel, the messages and the form's base version are
// taken over, so whatever else was typed stays. The focus goes to the new row's first field
// or to the message. When the answer is not the page expected (an error, another page), the
// button submits the form as it would without this script.
(function () {
  "use strict";
  if (!window.fetch || !window.DOMParser || !window.FormData) return;

  function wrapperOf(root, listId) {
    var fieldset = root.getElementById(listId);
    return fieldset ? fieldset.parentElement : null;
  }

  function replace(current, fresh) {
    if (!current || !fresh) return null;
    var adopted = document.importNode(fresh, true);
    current.replaceWith(adopted);
    // Let the other scripts (the filter box of long selects) look at the new part.
    adopted.dispatchEvent(new CustomEvent("htmx:load", { bubbles: true }));
    return adopted;
  }

  function takeMessages(page) {
    var main = document.getElementById("inhoud");
    var fresh = page.querySelector(".st-messages");
    var current = document.querySelector(".st-messages");
    if (!fresh || !main) return null;
    var shown = current ? replace(current, fresh) : main.insertBefore(document.importNode(fresh, true), main.firstChild);
    shown.setAttribute("tabindex", "-1");
    return shown;
  }

  function takeOver(form, page, listId) {
    var list = replace(wrapperOf(document, listId), wrapperOf(page, listId));
    replace(document.getElementById("controles"), page.getElementById("controles"));
    var base = page.querySelector("form#st-edit input[name=base_revision]");
    var mine = form.querySelector("input[name=base_revision]");
    if (base && mine) mine.value = base.value;
    return list;
  }

  function fallBack(form, button) {
    button.dataset.stramienPlain = "1";
    if (form.requestSubmit) form.requestSubmit(button); else button.click();
  }

  function send(form, button, url) {
    var data = new FormData(form);
    data.append(button.name, button.value);
    button.disabled = true;
    return fetch(url, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "X-Requested-With": "fetch" }
    }).then(function (response) {
      button.disabled = false;
      if (!response.ok) throw new Error(String(response.status));
      return response.text().then(function (text) {
        return { response: response, page: new DOMParser().parseFromString(text, "text/html") };
      });
    }, function (error) {
      button.disabled = false;
      throw error;
    });
  }

  function add(form, button) {
    var listId = button.dataset.stramienAdd;
    var url = form.getAttribute("action") || window.location.pathname;
    send(form, button, url).then(function (answer) {
      if (answer.response.redirected || !wrapperOf(answer.page, listId)) throw new Error("page");
      var list = takeOver(form, answer.page, listId);
      var first = list && list.querySelector("[autofocus]");
      if (first) {
        first.focus();
        first.scrollIntoView({ block: "center" });
      }
    }).catch(function () { fallBack(form, button); });
  }

  function remove(form, button) {
    var listId = button.dataset.stramienRemove;
    var url = button.getAttribute("formaction").split("#")[0];
    var section = form.getAttribute("action") || window.location.pathname;
    send(form, button, url).then(function (answer) {
      var back = new URL(answer.response.url).pathname === new URL(section, window.location.href).pathname;
      if (!answer.response.redirected || !back || !wrapperOf(answer.page, listId)) throw new Error("page");
      takeOver(form, answer.page, listId);
      var message = takeMessages(answer.page);
      if (message) message.focus();
    }).catch(function () { fallBack(form, button); });
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button[data-stramien-add], button[data-stramien-remove]");
    if (!button || !button.form || button.dataset.stramienPlain) return;
    event.preventDefault();
    if (button.dataset.stramienAdd) add(button.form, button); else remove(button.form, button);
  });
})();
