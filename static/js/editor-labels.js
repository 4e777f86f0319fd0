// The rich-text editor's toolbar, in the page's language: button titles and block types are the
// editor's English names, which the catalogue (epw/core/editor.py) maps to ours. Buttons showing an
// icon get the same name for screen readers.
(function () {
  "use strict";
  if (typeof window.gettext !== "function") return;

  function name(button) {
    if (button.dataset.labelled) return;
    var label = window.gettext(button.title);
    button.title = label;
    button.setAttribute("aria-label", label);
    button.dataset.labelled = "1";
  }

  // The block-type menu shows each type by its name in English ("Heading 2", "Paragraph").
  function rename(element) {
    var label = window.gettext(element.textContent);
    if (label !== element.textContent) element.textContent = label;
  }

  var BUTTON = ".prose-menubar__button[title]";
  var BLOCK_TYPE = ".prose-menubar__option > *, .prose-menubar__selected > *";

  function nameWithin(node) {
    if (node.nodeType === Node.TEXT_NODE && node.parentElement) node = node.parentElement;
    if (node.nodeType !== Node.ELEMENT_NODE) return;
    if (node.matches(BUTTON)) name(node);
    if (node.matches(BLOCK_TYPE)) rename(node);
    node.querySelectorAll(BUTTON).forEach(name);
    node.querySelectorAll(BLOCK_TYPE).forEach(rename);
  }

  new MutationObserver(function (mutations) {
    mutations.forEach(function (mutation) {
      mutation.addedNodes.forEach(nameWithin);
    });
  }).observe(document.documentElement, { childList: true, subtree: true });
  nameWithin(document.documentElement);
})();
