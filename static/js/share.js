// The share bar of an article (templates/blog/includes/share.html). Without this script both
// parts work: the Mastodon form asks our view for the link to the server, the address stays in a
// read-only field to copy by hand.
// - Mastodon: the reader's server is remembered in this browser, and its share page opened
//   directly (the same host-name check as blog/share.py, in short; the view has the last word).
// - Copy: a button copies the address, and the live region says so.
(function () {
  "use strict";
  const STORAGE_KEY = "epw.mastodonServer";
  const HOST = /^(?!-)[a-z0-9-]{1,63}(?<!-)(\.(?!-)[a-z0-9-]{1,63}(?<!-))*\.([a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

  function stored() {
    try {
      return window.localStorage.getItem(STORAGE_KEY) || "";
    } catch (error) {
      return "";  // storage refused (private mode, settings): the reader types it each time
    }
  }

  function remember(server) {
    try {
      window.localStorage.setItem(STORAGE_KEY, server);
    } catch (error) {
      // nothing kept: no harm done
    }
  }

  function hostName(value) {
    let host = value.trim().toLowerCase().replace(/^https:\/\//, "").replace(/\/$/, "");
    const handle = /^@?[a-z0-9_]+@(.+)$/.exec(host);
    if (handle) {
      host = handle[1];
    }
    if (/[\s/\\:?#%]/.test(host)) {
      return "";  // a port, a path, a query: not a host name
    }
    try {
      host = new URL("https://" + host + "/").hostname;  // internationalised names in ASCII
    } catch (error) {
      return "";
    }
    return HOST.test(host) && host.length <= 253 ? host : "";
  }

  const form = document.querySelector(".share__mastodon");
  if (form) {
    const input = form.querySelector("input[name=server]");
    if (!input.value) {
      input.value = stored();
    }
    form.addEventListener("submit", (event) => {
      const server = hostName(input.value);
      if (!server) {
        return;  // the view explains what is wrong with it
      }
      event.preventDefault();
      remember(server);
      const text = encodeURIComponent(form.dataset.text);
      window.open("https://" + server + "/share?text=" + text, "_blank", "noopener");
    });
  }

  const field = document.getElementById("share-url");
  if (field) {
    field.addEventListener("focus", () => field.select());
  }
  const button = document.querySelector(".share__copy-button");
  if (field && button && navigator.clipboard) {
    const status = button.parentElement.querySelector(".share__copy-status");
    button.hidden = false;
    button.addEventListener("click", () => {
      // Emptied first so that a second copy is announced again.
      status.textContent = "";
      navigator.clipboard.writeText(field.value).then(
        () => { status.textContent = button.dataset.copied; },
        () => {
          status.textContent = button.dataset.failed;
          field.select();
        },
      );
    });
  }
})();
