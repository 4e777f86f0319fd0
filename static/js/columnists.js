// The rich-text editor of the application form replaces its textarea with an editable area:
// give that area the field's label and help text, as the textarea had them.
(function () {
  function describe(root) {
    root.querySelectorAll(".field [contenteditable][role=textbox]").forEach(function (area) {
      var field = area.closest(".field");
      var label = field && field.querySelector("label[id]");
      if (!label || area.hasAttribute("aria-labelledby")) return;
      area.setAttribute("aria-labelledby", label.id);
      area.setAttribute("aria-multiline", "true");
      var textarea = field.querySelector("textarea");
      var described = textarea && textarea.getAttribute("aria-describedby");
      if (described) area.setAttribute("aria-describedby", described);
    });
  }
  new MutationObserver(function () { describe(document); })
    .observe(document.documentElement, { childList: true, subtree: true });
  document.addEventListener("DOMContentLoaded", function () { describe(document); });
})();
