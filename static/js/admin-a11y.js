// Every admin page: Django's selection boxes (filter_horizontal) put a name (aria-label) on a
// bare <span> icon, where screen readers ignore it; as an image, the icon keeps its name. They
// are built on "load", by a listener registered before this deferred script's.
(function () {
  "use strict";
  window.addEventListener("load", function () {
    document.querySelectorAll("span.help-tooltip[aria-label]:not([role])").forEach(function (icon) {
      icon.setAttribute("role", "img");
    });
  });
})();
