// Tells the server that this article's change page is open (a beat every few seconds, a goodbye
// when the page goes away) and shows who else has it open, from each beat's answer.
(function () {
  "use strict";
  var box = document.getElementById("editing-presence");
  if (!box || !window.fetch) {
    return;
  }
  var every = (parseInt(box.dataset.every, 10) || 30) * 1000;
  var timer = null;

  function form(action) {
    var data = new FormData();
    var token = document.querySelector("input[name=csrfmiddlewaretoken]");
    data.append("csrfmiddlewaretoken", token ? token.value : "");
    data.append("tab", box.dataset.tab);
    if (action) {
      data.append("action", action);
    }
    return data;
  }

  function show(notices) {
    var list = document.createElement("ul");
    list.className = "messagelist";
    notices.forEach(function (text) {
      var item = document.createElement("li");
      item.className = "warning";
      item.textContent = text;
      list.appendChild(item);
    });
    box.replaceChildren.apply(box, notices.length ? [list] : []);
  }

  function beat() {
    fetch(box.dataset.url, { method: "POST", body: form(), credentials: "same-origin" })
      .then(function (response) {
        return response.ok ? response.json() : null;
      })
      .then(function (answer) {
        if (answer && Array.isArray(answer.notices)) {
          show(answer.notices);
        }
      })
      .catch(function () {});  // offline for a moment: the next beat tries again
  }

  function start() {
    if (timer === null) {
      timer = window.setInterval(beat, every);
    }
  }

  window.addEventListener("pagehide", function () {
    window.clearInterval(timer);
    timer = null;
    if (navigator.sendBeacon) {
      navigator.sendBeacon(box.dataset.url, form("leave"));
    }
  });
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) {  // back from the browser's page cache
      beat();
      start();
    }
  });
  start();
})();
