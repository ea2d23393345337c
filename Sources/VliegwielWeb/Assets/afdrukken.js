// The dossier's print button (issue 16 item 3). Without JavaScript the button stays hidden and
// the page says how to print with the browser; this only shows the button and lets it print.
document.querySelectorAll("button[data-afdrukken]").forEach(function (button) {
  button.hidden = false;
  button.addEventListener("click", function () { window.print(); });
});
