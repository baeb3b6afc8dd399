// Hearth works without this file. It only makes "Exit this page" faster and less traceable.
(function () {
  "use strict";
  var link = document.querySelector("[data-exit]");
  if (!link) { return; }

  function leave(event) {
    if (event) { event.preventDefault(); }
    // Blank the page at once, then replace this history entry so Back does not return here.
    document.body.style.visibility = "hidden";
    document.title = "";
    window.location.replace(link.href);
  }

  link.addEventListener("click", leave);

  var hint = document.querySelector("[data-exit-hint]");
  if (hint) { hint.hidden = false; }

  // Shift pressed three times within two seconds leaves, as on GOV.UK services.
  var presses = [];
  document.addEventListener("keyup", function (event) {
    if (event.key !== "Shift") { return; }
    var now = Date.now();
    presses = presses.filter(function (t) { return now - t < 2000; });
    presses.push(now);
    if (presses.length >= 3) { leave(); }
  });
})();

// After a failed form, move focus to the error summary so screen reader users hear what to fix.
(function () {
  "use strict";
  var summary = document.querySelector("[data-error-summary]");
  if (summary) { summary.focus(); }
})();
