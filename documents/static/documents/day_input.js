// A date typed by hand needs no calendar: left open over the next field, the admin's picker took the clerk's next
// click there as a day, and the issue date changed without a word. Typing closes it; a click on the box opens it.
document.addEventListener("input", (event) => {
  const input = event.target;
  if (input instanceof HTMLInputElement && input.hasAttribute("data-vanban-day") && window.jQuery) {
    window.jQuery(input).datetimepicker("hide");
  }
});
