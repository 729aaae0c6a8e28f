/* The tracker (/nhiem-vu/): after htmx replaces the results, the focus moves to their heading and the count is
   announced. Nothing else needs JavaScript: the filters are a plain GET form folded in a <details>. */
(function () {
  "use strict";
  document.addEventListener("htmx:afterSwap", function (event) {
    if (!event.detail.target || event.detail.target.id !== "ket-qua") return;
    var heading = document.getElementById("ket-qua-tieu-de");
    var status = document.getElementById("ket-qua-thong-bao");
    if (!heading) return;
    if (status) status.textContent = heading.textContent;
    heading.focus();
  });
})();
