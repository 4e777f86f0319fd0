/* Audience figures for pages served from a cache: the page reports its own view, without a
   cookie (blog/audience/views.py). Prerendered pages report when they are actually shown. */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !navigator.sendBeacon) return;
  var endpoint = script.dataset.endpoint;
  function send() {
    navigator.sendBeacon(endpoint, location.pathname);
  }
  if (document.prerendering) {
    document.addEventListener("prerenderingchange", send, { once: true });
  } else {
    send();
  }
})();
