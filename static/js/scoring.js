// The scoring form saves itself a moment after each change, field by field: the server
// keeps every valid value and comment and names the others, which are marked beside
// their field (aria-invalid, the sentence linked by aria-describedby) and kept in this
// tab (sessionStorage) until they are valid, so a reload does not lose them. The status
// line says "All saved" or what is not; leaving with unsaved changes asks first. The
// weighted total follows the typing. Without JavaScript the form's "Save the draft"
// button does the same on the server. Texts come from the form's data attributes.
(function () {
  "use strict";
  const form = document.querySelector("form[data-autosave]");
  if (!form) return;
  const status = document.getElementById("autosave-status");
  const total = document.getElementById("running-total");
  const separator = form.dataset.decimal || ".";
  const storageKey = "dosta-scoring:" + form.dataset.autosave;
  const plain = /^\s*[0-9]+([.,][0-9]+)?\s*$/;
  let timer = null;
  let inFlight = false;
  let again = false;
  let dirty = false; // typed since the last answer of the server
  let unsaved = {}; // field name: typed text the server has not kept
  let leaving = false;

  function fields() {
    return form.querySelectorAll("input[name^='value_'], textarea[name^='comment_'], textarea[name='overall']");
  }

  function runningTotal() {
    let weighted = 0, weights = 0, complete = true;
    form.querySelectorAll("input[data-weight]").forEach(function (input) {
      const weight = parseFloat(input.dataset.weight);
      const text = String(input.value);
      const value = parseFloat(text.replace(",", "."));
      if (!plain.test(text) || isNaN(value) || value > parseFloat(input.dataset.max)) {
        complete = false;
        return;
      }
      weighted += weight * value;
      weights += weight;
    });
    total.textContent = complete && weights ? (weighted / weights).toFixed(2).replace(".", separator) : "—";
  }

  function mark(field, message) {
    const error = document.getElementById(field.id + "_error");
    const help = document.getElementById(field.id + "_helptext");
    const described = help ? [help.id] : [];
    if (message) {
      field.setAttribute("aria-invalid", "true");
      described.push(error.id);
      error.textContent = message;
      error.hidden = false;
    } else {
      field.removeAttribute("aria-invalid");
      error.textContent = "";
      error.hidden = true;
    }
    if (described.length) field.setAttribute("aria-describedby", described.join(" "));
    else field.removeAttribute("aria-describedby");
    field.closest(".field").classList.toggle("field-error", Boolean(message));
  }

  function remember() {
    try {
      if (Object.keys(unsaved).length) sessionStorage.setItem(storageKey, JSON.stringify(unsaved));
      else sessionStorage.removeItem(storageKey);
    } catch (e) { /* storage refused (private mode): the form still holds the text */ }
  }

  // Every field as typed, kept in this tab: restore() puts them back after the reload
  // and sends them with the new page's token.
  function keepAll() {
    fields().forEach(function (field) { unsaved[field.name] = field.value; });
    remember();
  }

  function say(text, problem) {
    status.textContent = text;
    status.classList.toggle("unsaved", Boolean(problem));
  }

  function answered(data) {
    if (data.total !== undefined) runningTotal();
    const errors = data.errors || {};
    unsaved = {};
    fields().forEach(function (field) {
      mark(field, errors[field.name] || "");
      if (errors[field.name]) unsaved[field.name] = field.value;
    });
    remember();
    if (!data.saved && !Object.keys(errors).length) dirty = true; // the whole sheet refused
    if (data.saved) say(form.dataset.saved || "✓", false);
    else say(data.status || data.error || "!", true);
  }

  function save() {
    if (inFlight) { again = true; return; }
    inFlight = true;
    dirty = false;
    say(form.dataset.saving || "…", false);
    fetch(form.dataset.autosave, {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
      headers: { "X-Requested-With": "fetch" },
    })
      .then(function (response) {
        // Anything but the autosave's JSON (the CSRF page after a login in another tab,
        // the login page after the session ended) means this page's token is stale:
        // retrying cannot help, a reload can.
        if ((response.headers.get("Content-Type") || "").indexOf("application/json") !== 0) {
          throw { expired: true };
        }
        return response.json();
      })
      .then(answered)
      .catch(function (error) {
        dirty = true;
        if (error && error.expired) { keepAll(); say(form.dataset.expired || "!", true); return; }
        say(form.dataset.offline || "!", true);
        clearTimeout(timer);
        timer = setTimeout(save, 5000); // again, until the connection is back
      })
      .finally(function () {
        inFlight = false;
        if (again) { again = false; save(); }
      });
  }

  function changed() {
    dirty = true;
    runningTotal();
    clearTimeout(timer);
    timer = setTimeout(save, 1000);
  }

  // What this tab kept of a refused field comes back after a reload, and is sent again
  // (the server says again what is wrong with it).
  function restore() {
    let kept = {};
    try { kept = JSON.parse(sessionStorage.getItem(storageKey) || "{}"); } catch (e) { kept = {}; }
    let restored = false;
    fields().forEach(function (field) {
      if (field.getAttribute("aria-invalid") === "true") {
        unsaved[field.name] = field.value; // refused by the form's Save, marked by the server
      } else if (Object.prototype.hasOwnProperty.call(kept, field.name) && field.value !== kept[field.name]) {
        field.value = kept[field.name];
        unsaved[field.name] = field.value;
        restored = true;
      }
    });
    remember();
    if (restored) changed();
  }

  form.addEventListener("input", function (event) {
    if (event.target.name && event.target.name in unsaved) {
      unsaved[event.target.name] = event.target.value;
      remember();
    }
    changed();
  });
  form.addEventListener("submit", function () {
    leaving = true; // the server saves the whole form and shows what it refused
    try { sessionStorage.removeItem(storageKey); } catch (e) { /* nothing kept */ }
  });
  window.addEventListener("beforeunload", function (event) {
    if (leaving || (!dirty && !inFlight && !Object.keys(unsaved).length)) return;
    event.preventDefault();
    event.returnValue = ""; // older browsers need it to ask
  });
  restore();
})();
