// Autosave of the article form, so that a closed tab, a crash or an expired session loses
// nothing typed. Every change is copied at once into this browser (localStorage, one copy per
// editor and article) and sent to the server (blog/admin/autosave.py) once typing pauses and
// when the page is left. Reopening the article offers the newest copy back when it differs
// from the form; leaving with unsaved changes asks first. After a real save the server names
// the copies to forget in a cookie, read here on the next page (often the list).
(function () {
  "use strict";
  var PREFIX = "epw-autosave:";
  var SAVED_COOKIE = "epw_autosave_saved";
  var DELAY = 3000; // after the last change
  var RETRY = 20000; // after a failure: session expired, network down

  function cookie(name) {
    var match = document.cookie.match(new RegExp("(?:^|; )" + name + "=([^;]*)"));
    return match ? decodeURIComponent(match[1]).replace(/^"|"$/g, "") : "";
  }

  function storage(action, key, value) {
    try {
      if (action === "get") return JSON.parse(window.localStorage.getItem(key));
      if (action === "set") window.localStorage.setItem(key, JSON.stringify(value));
      if (action === "remove") window.localStorage.removeItem(key);
    } catch (error) {
      // Storage full, disabled or junk in it: the server copy still works.
    }
    return null;
  }

  function forgetSavedCopies() {
    var keys = cookie(SAVED_COOKIE);
    if (!keys) return;
    keys.split("|").forEach(function (key) { storage("remove", PREFIX + key); });
    document.cookie = SAVED_COOKIE + "=; Max-Age=0; Path=/; SameSite=Lax";
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, name) { return values[name]; });
  }

  function watch(root, editor) {
    var form = root.closest("form");
    var key = PREFIX + root.dataset.key;
    var url = root.dataset.url;
    var names = root.dataset.fields.split(" ").filter(function (name) {
      return form.elements[name] && form.elements[name].type;
    });
    var body = form.elements.body;
    var local = storage("get", key); // read before the first change replaces it
    var baseline, lastSeen, lastSent;
    var timer = null, sending = false, submitting = false, failing = false;
    var skew = 0; // server clock minus this browser's, so that copies compare across both

    function now() { return Date.now() + skew; }

    function editorHTML() {
      var html = editor.getHTML();
      return /^<(\w+)(\s[^>]*)?><\/\1>$/i.test(html) ? "" : html; // as the editor's textarea
    }

    function read(name) {
      var field = form.elements[name];
      if (field.type === "checkbox") return field.checked ? "1" : "";
      if (field.type === "select-multiple") {
        // A two-box selector (SelectFilter) sends every option of its "chosen" box.
        var options = /_to$/.test(field.id) ? field.options : field.selectedOptions;
        return Array.prototype.map.call(options, function (option) { return option.value; }).sort();
      }
      if (field === body && editor) return editorHTML();
      return field.value;
    }

    function snapshot() {
      var data = {};
      names.forEach(function (name) { data[name] = read(name); });
      return data;
    }

    function same(copy, data) {
      return names.every(function (name) {
        return !(name in copy) || JSON.stringify(copy[name]) === JSON.stringify(data[name]);
      });
    }

    function choose(field, values) {
      var wanted = new Set(values);
      function pick(select, keep) {
        Array.prototype.forEach.call(select.options, function (option) {
          option.selected = wanted.has(option.value) === keep;
        });
      }
      if (!/_to$/.test(field.id) || !window.SelectBox) { pick(field, true); return; }
      var id = field.id.slice(0, -3), from = id + "_from", search = document.getElementById(id + "_input");
      if (search && search.value) { search.value = ""; window.SelectBox.filter(from, ""); }
      pick(field, false);
      window.SelectBox.move(field.id, from);
      pick(document.getElementById(from), true);
      window.SelectBox.move(from, field.id);
      if (window.SelectFilter) window.SelectFilter.refresh_icons(id);
    }

    function write(name, value) {
      var field = form.elements[name];
      if (value === undefined || value === null) return;
      if (field.type === "checkbox") field.checked = value === "1";
      else if (field.type === "select-multiple") choose(field, [].concat(value));
      else if (field === body && editor) {
        editor.commands.setContent(String(value));
        field.value = editorHTML();
      } else if (field.tagName === "SELECT") {
        var known = Array.prototype.some.call(field.options, function (o) { return o.value === value; });
        if (known) field.value = value;
      } else field.value = String(value);
    }

    // Sending ------------------------------------------------------------------------------

    function csrfToken() {
      // After logging in again the token changes: the cookie has the current one.
      return cookie("csrftoken") || form.elements.csrfmiddlewaretoken.value;
    }

    function formData(data) {
      var fields = new FormData();
      fields.append("csrfmiddlewaretoken", csrfToken());
      names.forEach(function (name) {
        [].concat(data[name]).forEach(function (value) { fields.append(name, value); });
        if (Array.isArray(data[name]) && !data[name].length) fields.append(name, "");
      });
      return fields;
    }

    function show(selector, visible, text) {
      var element = root.querySelector(selector);
      if (text !== undefined) element.textContent = text;
      element.hidden = !visible;
    }

    function schedule(delay) {
      window.clearTimeout(timer);
      timer = window.setTimeout(send, delay || DELAY);
    }

    function send() {
      timer = null;
      if (submitting || sending || lastSeen === lastSent) return;
      var text = lastSeen, data = JSON.parse(text);
      sending = true;
      fetch(url, {
        method: "POST",
        body: formData(data),
        credentials: "same-origin",
        headers: { Accept: "application/json", "X-Requested-With": "XMLHttpRequest" },
      }).then(function (response) {
        var json = (response.headers.get("Content-Type") || "").indexOf("application/json") === 0;
        // The login page (session gone) or the refused-form page (token gone).
        if (response.redirected || !json) { failing = true; show(".autosave__expired", true); return; }
        return response.json().then(function (answer) {
          failing = false;
          show(".autosave__expired", false);
          if (!response.ok) { show(".autosave__error", true, answer.error); return; }
          show(".autosave__error", false);
          var savedAt = Date.parse(answer.autosave.saved_at);
          skew = savedAt - Date.now();
          lastSent = text;
          if (lastSeen === text) storage("set", key, { data: data, savedAt: savedAt, synced: true });
        });
      }).catch(function () {
        failing = true; // offline: the copy in this browser waits for the next try
      }).then(function () {
        sending = false;
        if (!submitting && lastSeen !== lastSent) schedule(failing ? RETRY : DELAY);
      });
    }

    function noteChange() {
      if (submitting) return;
      var data = snapshot(), text = JSON.stringify(data);
      if (text === lastSeen) return;
      lastSeen = text;
      storage("set", key, { data: data, savedAt: now(), synced: text === lastSent });
      schedule();
    }

    function leaving() {
      noteChange();
      if (!submitting && lastSeen !== lastSent && navigator.sendBeacon) {
        navigator.sendBeacon(url, formData(JSON.parse(lastSeen)));
      }
    }

    function discardServerCopy() {
      var fields = new FormData();
      fields.append("csrfmiddlewaretoken", csrfToken());
      fields.append("discard", "1");
      return fetch(url, { method: "POST", body: fields, credentials: "same-origin" }).catch(function () {});
    }

    function forgetLocal(copy) {
      var current = storage("get", key);
      if (copy && current && current.savedAt === copy.savedAt) storage("remove", key);
    }

    // Offering a copy back -----------------------------------------------------------------

    function when(time) {
      var date = new Date(time);
      var day = new Intl.DateTimeFormat(document.documentElement.lang || "fr", {
        day: "numeric", month: "long",
      }).format(date);
      var minute = String(date.getMinutes()).padStart(2, "0");
      return fill(root.dataset.when, { day: day, hour: String(date.getHours()), minute: minute });
    }

    function offer(server) {
      // A copy that reached the server and is no longer there was saved or set aside.
      if (local && local.synced && !server) { forgetLocal(local); local = null; }
      var copies = [];
      if (local && local.data) copies.push({ data: local.data, time: local.savedAt });
      if (server) copies.push({ data: server.data, time: Date.parse(server.saved_at) });
      copies.sort(function (a, b) { return b.time - a.time; });
      var copy = copies[0];
      if (!copy) return;
      if (same(copy.data, baseline)) {
        if (server && same(server.data, baseline)) discardServerCopy();
        forgetLocal(local);
        return;
      }
      var text = root.querySelector(".autosave__text");
      text.textContent = fill(text.dataset.text, { when: when(copy.time) });
      show(".autosave__offer", true);
      root.querySelector("[data-autosave=restore]").addEventListener("click", function () {
        names.forEach(function (name) { write(name, copy.data[name]); });
        show(".autosave__offer", false);
        show(".autosave__restored", true);
        form.elements[names[0]].focus();
        noteChange();
      });
      root.querySelector("[data-autosave=ignore]").addEventListener("click", function () {
        show(".autosave__offer", false);
        forgetLocal(local);
        discardServerCopy().then(function () {
          lastSent = JSON.stringify(baseline);
          if (lastSeen !== lastSent) schedule();
        });
        form.elements[names[0]].focus();
      });
    }

    // Start --------------------------------------------------------------------------------

    baseline = snapshot();
    lastSeen = lastSent = JSON.stringify(baseline);
    ["input", "change"].forEach(function (type) { form.addEventListener(type, noteChange); });
    // Some widgets change the form without an input event (two-box selectors, date shortcuts).
    ["click", "dblclick", "keyup"].forEach(function (type) {
      form.addEventListener(type, function () { window.setTimeout(noteChange, 0); });
    });
    if (editor) editor.on("update", noteChange);
    form.addEventListener("submit", function (event) {
      noteChange();
      submitting = true;
      window.clearTimeout(timer);
      var token = cookie("csrftoken");
      if (token) form.elements.csrfmiddlewaretoken.value = token;
      window.setTimeout(function () { if (event.defaultPrevented) submitting = false; }, 0);
    });
    window.addEventListener("beforeunload", function (event) {
      if (submitting) return;
      noteChange();
      if (lastSeen !== JSON.stringify(baseline)) {
        event.preventDefault();
        event.returnValue = "";
      }
    });
    window.addEventListener("pagehide", leaving);
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "hidden") leaving();
      else if (failing && lastSeen !== lastSent) send();
    });
    window.addEventListener("focus", function () { if (failing && lastSeen !== lastSent) send(); });

    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        var json = (response.headers.get("Content-Type") || "").indexOf("application/json") === 0;
        var date = Date.parse(response.headers.get("Date"));
        if (date) skew = date - Date.now();
        return response.ok && json && !response.redirected ? response.json() : { autosave: null };
      })
      .catch(function () { return { autosave: null }; })
      .then(function (answer) { offer(answer.autosave); });
  }

  forgetSavedCopies();

  // The body's editor announces itself once built (after this script ran, maybe after the
  // page's load): start with it, or without it if it never comes.
  var editor = null, started = false;
  function start(force) {
    var root = document.getElementById("autosave");
    if (started || !root || document.readyState === "loading") return;
    var body = root.closest("form").elements.body;
    if (!force && body && !editor && body.hasAttribute("data-django-prose-editor-configurable")) return;
    started = true;
    watch(root, editor);
  }
  document.addEventListener("prose-editor:ready", function (event) {
    if (event.detail.textarea.name !== "body") return;
    editor = event.detail.editor;
    start();
  });
  document.addEventListener("DOMContentLoaded", function () {
    start();
    window.setTimeout(function () { start(true); }, 10000);
  });
})();
