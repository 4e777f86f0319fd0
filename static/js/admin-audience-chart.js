// The audience chart's bars (templates/admin/blog/audienceday/chart.html) take their height, a
// percentage of the best day, from data-height: the page's Content-Security-Policy refuses
// style attributes written in the HTML, not styles set from a script of the site.
(function () {
  "use strict";
  document.querySelectorAll(".epw-chart__bar[data-height]").forEach(function (bar) {
    bar.style.height = bar.dataset.height + "%";
  });
})();
