/* Nơi nhận in the editor: choosing a directory entry fills the line's printed name at once, when it is empty
   (the server does the same on save: DocumentRecipient.clean). Wagtail's chooser announces the choice with a
   "change" on its hidden input, before it writes the title, hence the timeout. */
(function () {
  "use strict";
  var CHOOSER = /^(recipients-\d+)-recipient$/;

  document.addEventListener("change", function (event) {
    var input = event.target;
    var match = input && input.name ? CHOOSER.exec(input.name) : null;
    if (!match || !input.value) return;
    window.setTimeout(function () {
      var form = input.form || document;
      var name = form.querySelector('[name="' + match[1] + '-name"]');
      var chooser = document.getElementById(input.id + "-chooser");
      var title = chooser ? chooser.querySelector("[data-chooser-title]") : null;
      var chosen = title ? title.textContent.trim() : "";
      if (name && chosen && !name.value.trim()) {
        name.value = chosen;
        name.dispatchEvent(new Event("input", { bubbles: true }));
      }
    }, 0);
  });
})();
