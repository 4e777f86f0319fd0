// The main menu folds behind its button on small screens (the CSS decides when: see .site-nav in
// epw.css). The button is a real <button>: Enter and Space open and close it; Escape closes the
// open menu and puts the focus back on the button. Without this script the menu stays open.
(function () {
  "use strict";
  const nav = document.querySelector(".site-nav");
  const button = nav && nav.querySelector(".site-nav__toggle");
  const list = button && document.getElementById(button.getAttribute("aria-controls"));
  if (!list) {
    return;
  }
  const isOpen = () => button.getAttribute("aria-expanded") === "true";
  const setOpen = (open) => button.setAttribute("aria-expanded", String(open));

  setOpen(false);
  button.hidden = false;
  nav.classList.add("site-nav--foldable");
  button.addEventListener("click", () => setOpen(!isOpen()));
  nav.addEventListener("keydown", (event) => {
    const folded = getComputedStyle(button).display !== "none";
    if (event.key === "Escape" && folded && isOpen()) {
      setOpen(false);
      button.focus();
    }
  });
})();
