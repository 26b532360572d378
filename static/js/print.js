// The "Print" buttons (data-print): shown only where this script runs, since printing
// needs it; without it the browser's own Print command does the same.
document.querySelectorAll("[data-print]").forEach((button) => {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
});
