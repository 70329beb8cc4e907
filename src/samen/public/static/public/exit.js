/* Quick exit. The link works without JavaScript (the server forgets the report in
   progress and redirects). With JavaScript the page is *replaced* by the neutral site,
   so Back does not return here, and the server is told to forget in the background. */
(function () {
  "use strict";
  var link = document.getElementById("quick-exit");
  if (!link) { return; }
  function leave(event) {
    if (event) { event.preventDefault(); }
    try { if (navigator.sendBeacon) { navigator.sendBeacon(link.href); } } catch (e) { /* leave anyway */ }
    window.location.replace(link.getAttribute("data-neutral"));
  }
  link.addEventListener("click", leave);
  /* Escape pressed twice quickly also leaves: faster than finding the button. */
  var last = 0;
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") { return; }
    var now = Date.now();
    if (now - last < 600) { leave(event); }
    last = now;
  });
}());
