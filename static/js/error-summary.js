// The GOV.UK error-summary pattern: the summary takes the focus when the page opens,
// so a screen reader reads it and the keyboard starts there; a link in it moves the
// focus to the field it names (a plain #anchor only scrolls).
(function () {
  "use strict";
  var summary = document.querySelector(".error-summary");
  if (!summary) {
    return;
  }
  summary.focus();
  summary.addEventListener("click", function (event) {
    var link = event.target.closest("a[href^='#']");
    if (!link) {
      return;
    }
    var target = document.getElementById(link.getAttribute("href").slice(1));
    if (!target) {
      return;
    }
    event.preventDefault();
    if (target.tabIndex < 0 && !target.matches("input, select, textarea, button")) {
      target.setAttribute("tabindex", "-1");
    }
    target.scrollIntoView({ block: "center" });
    target.focus({ preventScroll: true });
    history.replaceState(null, "", "#" + target.id);
  });
})();
