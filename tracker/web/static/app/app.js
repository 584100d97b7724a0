// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";
  if (window.DKFDS) { window.DKFDS.init(); }
  // After htmx swaps a region, start the design system's components inside it and move focus: to the error
  // summary if there is one (it carries autofocus), otherwise leave focus where the person is.
  document.addEventListener("htmx:after:swap", function () {
    var summary = document.querySelector('[data-module="error-summary"]');
    if (summary) { summary.focus(); }
  });
})();
