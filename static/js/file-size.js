// A file too large for the site is refused in the browser, before it is sent: a photo of
// 30 MB would otherwise upload in full and only then be refused. The input's
// data-max-bytes is the server's own limit (the server checks again); data-too-big is
// the sentence, in the page's language, with %(size)s and %(max)s.
(function () {
  "use strict";
  var language = document.documentElement.lang || undefined;

  function megabytes(bytes) {
    var value = bytes / (1024 * 1024);
    return value.toLocaleString(language, { maximumFractionDigits: 1 }) + " MB";
  }

  function check(input) {
    var max = Number(input.dataset.maxBytes);
    var note = document.getElementById(input.id + "_too_big");
    var file = input.files && input.files[0];
    if (note) {
      note.remove();
    }
    if (!file || !max || file.size <= max) {
      input.removeAttribute("aria-invalid");
      return;
    }
    note = document.createElement("p");
    note.id = input.id + "_too_big";
    note.className = "error";
    note.setAttribute("role", "alert");
    note.textContent = input.dataset.tooBig
      .replace("%(size)s", megabytes(file.size))
      .replace("%(max)s", megabytes(max));
    input.insertAdjacentElement("afterend", note);
    input.setAttribute("aria-invalid", "true");
    input.value = ""; // nothing large is sent: the rest of the form saves as usual
  }

  document.addEventListener("change", function (event) {
    if (event.target.matches("input[type=file][data-max-bytes]")) {
      check(event.target);
    }
  });
})();
