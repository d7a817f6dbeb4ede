// A document submitted for signing is locked: nobody can save it until the workflow is stopped, and the editor
// says so in a banner holding a "vanban-content-locked" span (ContentLock, documents/workflow/models.py). Its fields are made
// read-only here, so that nothing can be typed that a "Ký duyệt" or "Cấp số" link would then silently drop.
(function () {
  "use strict";
  function lock(root) {
    root.querySelectorAll(".w-panel input, .w-panel textarea, .w-panel select").forEach(function (field) {
      if (["hidden", "submit", "button"].indexOf(field.type) !== -1) return;
      if (field.tagName === "SELECT" || ["checkbox", "radio", "file"].indexOf(field.type) !== -1) {
        field.disabled = true;
      } else {
        field.readOnly = true;
      }
    });
    root.querySelectorAll(".w-panel [contenteditable='true']").forEach(function (editable) {
      editable.setAttribute("contenteditable", "false");
    });
  }
  function start() {
    if (!document.querySelector(".messages .vanban-content-locked")) return;
    document.body.classList.add("vanban-content-locked");
    lock(document);
    // StreamField and inline panels draw their fields after the page has loaded: lock those as they appear, once a
    // frame however many nodes a panel adds.
    var pending = false;
    new MutationObserver(function () {
      if (pending) return;
      pending = true;
      window.requestAnimationFrame(function () { pending = false; lock(document); });
    }).observe(document.body, { childList: true, subtree: true });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
