// Embedded players load only when the reader asks for them. The page holds a facade per embed
// (blog/embeds.py): its link to the original address becomes a button that swaps the facade for
// the provider's player, or for the browser's own player when the embed is a media file.
(function () {
  "use strict";

  var ALLOW = {
    video: "autoplay; encrypted-media; fullscreen; picture-in-picture",
    audio: "autoplay; encrypted-media",
    post: "",
  };

  function frame(figure, kind) {
    var iframe = document.createElement("iframe");
    iframe.src = figure.dataset.embedPlayer;
    iframe.title = figure.dataset.embedTitle;
    iframe.setAttribute(
      "sandbox",
      "allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox allow-presentation"
    );
    iframe.setAttribute("allow", ALLOW[kind] || "");
    iframe.setAttribute("referrerpolicy", "strict-origin-when-cross-origin");
    if (kind === "video") iframe.setAttribute("allowfullscreen", "");
    return iframe;
  }

  function media(figure, kind) {
    var player = document.createElement(kind === "audio" ? "audio" : "video");
    player.controls = true;
    player.preload = "none";
    player.src = figure.dataset.embedPlayer;
    player.setAttribute("aria-label", figure.dataset.embedTitle);
    return player;
  }

  function load(figure) {
    var kind = figure.dataset.embedKind;
    var direct = figure.hasAttribute("data-embed-direct");
    var player = direct ? media(figure, kind) : frame(figure, kind);
    player.className = "embed__player";
    figure.querySelector(".embed__facade").replaceWith(player);
    figure.classList.add("embed--loaded");
    player.focus();
    if (direct) player.play().catch(function () {});
  }

  document.querySelectorAll("figure[data-embed-player]").forEach(function (figure) {
    var link = figure.querySelector(".embed__load");
    if (!link) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = link.className;
    button.textContent = link.textContent;
    button.addEventListener("click", function () {
      load(figure);
    });
    link.replaceWith(button);
  });
})();
