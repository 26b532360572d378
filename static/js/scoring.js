// The scoring form saves itself as a draft a moment after each change, and shows the
// weighted total as it is typed. Without JavaScript the form works the same with its
// "Save the draft" button.
(function () {
  "use strict";
  const form = document.querySelector("form[data-autosave]");
  if (!form) return;
  const status = document.getElementById("autosave-status");
  const total = document.getElementById("running-total");
  let timer = null;

  function runningTotal() {
    let weighted = 0, weights = 0, complete = true;
    form.querySelectorAll("input[data-weight]").forEach(function (input) {
      const weight = parseFloat(input.dataset.weight);
      const value = parseFloat(String(input.value).replace(",", "."));
      if (isNaN(value)) { complete = false; return; }
      weighted += weight * value;
      weights += weight;
    });
    total.textContent = complete && weights ? (weighted / weights).toFixed(2) : "—";
  }

  function save() {
    status.textContent = form.dataset.saving || "…";
    fetch(form.dataset.autosave, {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
      headers: { "X-Requested-With": "fetch" },
    })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        status.textContent = data.saved ? (form.dataset.saved || "✓") : data.error;
      })
      .catch(function () { status.textContent = form.dataset.offline || "!"; });
  }

  form.addEventListener("input", function () {
    runningTotal();
    clearTimeout(timer);
    timer = setTimeout(save, 1500);
  });
})();
