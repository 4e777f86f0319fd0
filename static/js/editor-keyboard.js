// The rich-text editor with the keyboard alone and with a screen reader.
// - The toolbar is one stop in the tab order whose buttons the arrow keys, Home and End walk
//   through (the ARIA toolbar pattern), instead of some fifty Tab presses before the text.
// - Alt+F10 in the text goes to the toolbar; Escape in the toolbar goes back to the text.
// - The editing area is named by its field's label and described by the list of shortcuts.
// - A dialog (link, image…) is modal, so the focus stays in it; when it closes, the focus goes
//   back to where it was, unless the editor already took it back.
(function () {
  "use strict";
  var gettext = window.gettext || function (text) { return text; };
  var BUTTON = ".prose-menubar__button";
  var SHORTCUTS = [
    ["Alt+F10", "Aller à la barre d’outils (Échap pour revenir au texte)"],
    ["Ctrl+Alt+2", "Intertitre de niveau 2 (3 à 6 de même)"],
    ["Ctrl+Alt+0", "Paragraphe"],
    ["Ctrl+B", "Gras"],
    ["Ctrl+I", "Italique"],
    ["Ctrl+K", "Lien sur le texte choisi"],
    ["Ctrl+Maj+8", "Liste à puces"],
    ["Ctrl+Maj+7", "Liste numérotée"],
    ["Ctrl+Z", "Annuler"],
  ];
  var counter = 0;

  function buttons(toolbar) {
    return Array.prototype.filter.call(toolbar.querySelectorAll(BUTTON), function (button) {
      return button.offsetParent !== null && !button.closest("[popover]");
    });
  }

  function rove(toolbar, target) {
    buttons(toolbar).forEach(function (button) {
      button.tabIndex = button === target ? 0 : -1;
    });
  }

  function area(editor) {
    return editor.querySelector("[contenteditable][role=textbox]");
  }

  function shortcutList(editor) {
    var list = document.createElement("div");
    list.className = "prose-editor-shortcuts";
    list.id = "prose-editor-shortcuts-" + ++counter;
    var title = document.createElement("p");
    title.textContent = gettext("Raccourcis clavier :");
    var items = document.createElement("ul");
    SHORTCUTS.forEach(function (shortcut) {
      var item = document.createElement("li");
      var keys = document.createElement("kbd");
      keys.textContent = shortcut[0];
      item.append(keys, " " + gettext(shortcut[1]));
      items.append(item);
    });
    list.append(title, items);
    editor.after(list);
    return list.id;
  }

  function prepare(editor) {
    var toolbar = editor.querySelector(".prose-menubar");
    var text = area(editor);
    if (!toolbar || !text || editor.dataset.keyboard) return;
    editor.dataset.keyboard = "1";

    toolbar.setAttribute("role", "toolbar");
    toolbar.setAttribute("aria-label", gettext("Mise en forme"));
    var first = buttons(toolbar)[0];
    if (first) rove(toolbar, first);
    toolbar.addEventListener("keydown", function (event) {
      var all = buttons(toolbar);
      var index = all.indexOf(document.activeElement);
      if (event.key === "Escape") {
        event.preventDefault();
        text.focus();
        return;
      }
      if (index < 0) return;
      var next = {
        ArrowRight: all[(index + 1) % all.length],
        ArrowLeft: all[(index - 1 + all.length) % all.length],
        Home: all[0],
        End: all[all.length - 1],
      }[event.key];
      if (!next) return;
      event.preventDefault();
      rove(toolbar, next);
      next.focus();
    });
    toolbar.addEventListener("focusin", function (event) {
      if (event.target.matches(BUTTON)) rove(toolbar, event.target);
    });

    text.addEventListener("keydown", function (event) {
      if (event.key !== "F10" || !event.altKey) return;
      event.preventDefault();
      var all = buttons(toolbar);
      var current = all.filter(function (button) { return button.tabIndex === 0; })[0] || all[0];
      if (current) current.focus();
    });

    var textarea = editor.querySelector("textarea[id]");
    var label = textarea && document.querySelector('label[for="' + textarea.id + '"]');
    if (label && !text.hasAttribute("aria-labelledby") && !text.hasAttribute("aria-label")) {
      label.id = label.id || textarea.id + "_label";
      text.setAttribute("aria-labelledby", label.id);
    }
    text.setAttribute("aria-multiline", "true");
    var described = (text.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
    described.push(shortcutList(editor));
    text.setAttribute("aria-describedby", described.join(" "));
    text.setAttribute("aria-keyshortcuts", "Alt+F10");
  }

  // Where the focus was when a dialog opened, to give it back when the dialog closes.
  var before = null;
  document.addEventListener("focusin", function (event) {
    if (!event.target.closest("dialog")) before = event.target;
  });
  document.addEventListener(
    "close",
    function (event) {
      if (!(event.target instanceof HTMLDialogElement)) return;
      window.setTimeout(function () {
        var lost = !document.activeElement || document.activeElement === document.body;
        if (lost && before && before.isConnected) before.focus();
      });
    },
    true,
  );

  function prepareAll() {
    document.querySelectorAll(".prose-editor").forEach(prepare);
  }
  new MutationObserver(prepareAll).observe(document.documentElement, {
    childList: true,
    subtree: true,
  });
  document.addEventListener("DOMContentLoaded", prepareAll);
})();
