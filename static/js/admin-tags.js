// Tag field of the article form: suggests existing tags for the term being typed.
// The field stays a plain comma-separated input; suggestions come from a staff-only JSON view.
(function () {
  "use strict";
  function setup() {
    var input = document.getElementById("id_tags");
    if (!input) return;
    var list = document.createElement("datalist");
    list.id = "id_tags_suggestions";
    input.after(list);
    input.setAttribute("list", list.id);
    input.setAttribute("autocomplete", "off");
    var url = new URL(input.dataset.suggestionsUrl, window.location.href);
    var timer = null;
    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(function () {
        var parts = input.value.split(",");
        var term = parts.pop().trim();
        var head = parts.map(function (part) { return part.trim(); }).filter(Boolean);
        if (!term) { list.replaceChildren(); return; }
        url.searchParams.set("q", term);
        fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
          .then(function (response) { return response.ok ? response.json() : { tags: [] }; })
          .then(function (data) {
            list.replaceChildren.apply(list, data.tags.map(function (name) {
              var option = document.createElement("option");
              option.value = head.concat([name]).join(", ");
              return option;
            }));
          });
      }, 150);
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})();
