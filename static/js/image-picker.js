// The image library's picker, opened in a popup by the editor's image dialog: choosing an
// image hands its address, alternative text and caption back to the dialog, then closes.
(function () {
  "use strict";
  var callback = new URLSearchParams(window.location.search).get("CKEditorFuncNum");
  var editor = window.opener && window.opener.CKEDITOR;

  function pick(button) {
    if (!callback || !editor) return;
    editor.tools.callFunction(Number(callback), button.dataset.url, {
      id: button.dataset.id,
      alternative_text: button.dataset.alt,
      caption: button.dataset.caption,
    });
    window.close();
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-pick]");
    if (button) pick(button);
  });
  document.addEventListener("DOMContentLoaded", function () {
    var chosen = document.querySelector("[data-pick][data-autopick]");
    if (chosen) pick(chosen);
  });
})();
