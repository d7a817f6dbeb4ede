/* As-you-type suggestions for the reader's search boxes (issue 15): the WAI-ARIA combobox pattern
   (https://www.w3.org/WAI/ARIA/apg/patterns/combobox/) over GET /api/search/suggest/.
   Progressive enhancement: without this script the boxes are plain forms. Every text shown comes from the
   page (data-* attributes filled by Django's gettext), so this file holds no user-facing string. */
(function () {
  "use strict";

  var DEBOUNCE_MS = 150;

  function Combobox(input) {
    var form = input.form;
    var data = input.dataset;
    var listId = input.id + "-suggestions";
    var list = document.createElement("ul");
    var status = document.createElement("div");
    var items = [];
    var active = -1;
    var timer = null;
    var controller = null;
    var lastQuery = null;

    list.id = listId;
    list.className = "suggest-list";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", data.suggestLabel || "");
    list.hidden = true;
    list.tabIndex = -1;  // the options are reached from the box (aria-activedescendant); a scrolling list is no Tab stop
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    form.classList.add("suggest-form");
    input.insertAdjacentElement("afterend", list);
    form.appendChild(status);

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listId);
    input.setAttribute("autocomplete", "off");

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function highlight(index) {
      var options = list.children;
      for (var i = 0; i < options.length; i++) {
        options[i].setAttribute("aria-selected", i === index ? "true" : "false");
      }
      active = index;
      if (index < 0) {
        input.removeAttribute("aria-activedescendant");
        return;
      }
      input.setAttribute("aria-activedescendant", options[index].id);
      options[index].scrollIntoView({block: "nearest"});
    }

    function kindLabel(kind) {
      return data["kind" + kind.charAt(0).toUpperCase() + kind.slice(1)] || "";
    }

    function render(suggestions) {
      items = suggestions.filter(function (s) { return s.url; });
      list.textContent = "";
      items.forEach(function (item, i) {
        var option = document.createElement("li");
        option.id = listId + "-" + i;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.className = "suggest-option suggest-option--" + item.kind;
        var label = document.createElement("span");
        label.className = "suggest-option__label";
        label.textContent = item.label;
        var meta = document.createElement("span");
        meta.className = "suggest-option__meta";
        // a document is told apart by its notation; a notation or an issuer by what it is
        meta.textContent = item.kind === "document" && item.notation ? item.notation : kindLabel(item.kind);
        option.appendChild(label);
        option.appendChild(meta);
        // mousedown, not click: the input must not lose focus (and close the list) first
        option.addEventListener("mousedown", function (event) {
          event.preventDefault();
          choose(i);
        });
        list.appendChild(option);
      });
      active = -1;
      input.removeAttribute("aria-activedescendant");
      if (items.length) {
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
        status.textContent = (data.suggestCount || "%s").replace("%s", items.length);
      } else {
        close();
        status.textContent = "";
      }
    }

    function choose(index) {
      var item = items[index];
      if (item) {
        close();
        window.location.assign(item.url);
      }
    }

    function fetchSuggestions() {
      var query = input.value;
      if (query === lastQuery) {
        return;
      }
      lastQuery = query;
      if (!query.trim()) {
        render([]);
        return;
      }
      if (controller) {
        controller.abort();  // a newer keystroke wins; a slow older answer must not overwrite it
      }
      controller = new AbortController();
      fetch(data.suggestUrl + "?q=" + encodeURIComponent(query), {
        headers: {Accept: "application/json"}, credentials: "same-origin", signal: controller.signal
      }).then(function (response) {
        return response.ok ? response.json() : {suggestions: []};
      }).then(function (answer) {
        if (answer.query === input.value) {
          render(answer.suggestions || []);
        }
      }).catch(function () { /* aborted or offline: the plain form still works */ });
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(fetchSuggestions, DEBOUNCE_MS);
    });

    input.addEventListener("keydown", function (event) {
      var open = !list.hidden && items.length > 0;
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        if (!open) {
          if (items.length) {
            list.hidden = false;
            input.setAttribute("aria-expanded", "true");
          } else {
            return;
          }
        }
        event.preventDefault();
        var step = event.key === "ArrowDown" ? 1 : -1;
        var next = active + step;
        if (next >= items.length) { next = 0; }
        if (next < -1) { next = items.length - 1; }
        highlight(next < 0 ? (step > 0 ? 0 : items.length - 1) : next);
      } else if (event.key === "Enter") {
        if (open && active >= 0) {
          event.preventDefault();  // pick the suggestion; without one, Enter submits the search as usual
          choose(active);
        }
      } else if (event.key === "Escape") {
        if (open) {
          event.preventDefault();
          close();
        }
      }
    });

    var closing = null;
    input.addEventListener("blur", function () {
      closing = window.setTimeout(close, 100);
    });
    input.addEventListener("focus", function () {
      window.clearTimeout(closing);  // back before the list closed: it must not close under the reader
    });
  }

  function start() {
    var inputs = document.querySelectorAll("input[data-suggest-url]");
    if (!window.fetch || !window.AbortController) {
      return;  // old browsers keep the plain form
    }
    for (var i = 0; i < inputs.length; i++) {
      new Combobox(inputs[i]);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
