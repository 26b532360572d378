// Follows a certificate run on the secretariat's page: asks the server every two
// seconds while the worker is busy, updates the progress bar and the status line
// (a polite live region), and reloads the list once the run has finished.
(function () {
  "use strict";
  var section = document.getElementById("certificate-run");
  var status = document.getElementById("run-status");
  if (!section || !status) { return; }
  var busy = ["queued", "running"];
  if (busy.indexOf(status.dataset.state) < 0) { return; }
  var bar = document.getElementById("run-progress");

  function show(run) {
    status.querySelector(".run-state").textContent = run.state_label;
    status.querySelector(".run-done").textContent = String(run.done);
    status.querySelector(".run-total").textContent = String(run.total);
    if (bar) { bar.value = run.percent; bar.textContent = run.percent + "%"; }
  }

  function poll() {
    fetch(section.dataset.progressUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (run) {
        if (!run || !run.state) { return; }
        show(run);
        if (busy.indexOf(run.state) >= 0) { window.setTimeout(poll, 2000); }
        else { window.location.reload(); }
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }
  window.setTimeout(poll, 2000);
})();
