/* Copy buttons of the "Trích dẫn" boxes. Without this file (or without the Clipboard API) the
   citation text stays selectable and the buttons stay hidden. No inline script: CSP. */
(function () {
  "use strict";
  if (!navigator.clipboard || !window.isSecureContext) {
    return;
  }

  function reveal(root) {
    root.querySelectorAll("button[data-copy-target][hidden]").forEach(function (button) {
      button.hidden = false;
    });
  }

  function announce(button, message) {
    var box = button.closest(".cite-box");
    var status = box && box.querySelector(".copy-status");
    if (status) {
      status.textContent = "";
      window.setTimeout(function () { status.textContent = message; }, 50);
    }
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-copy-target]");
    if (!button) {
      return;
    }
    var target = document.getElementById(button.getAttribute("data-copy-target"));
    if (!target) {
      return;
    }
    navigator.clipboard.writeText(target.textContent.trim()).then(function () {
      button.classList.add("copied");
      announce(button, button.getAttribute("data-copied-label") || "");
      window.setTimeout(function () { button.classList.remove("copied"); }, 2000);
    });
  });

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { reveal(document); });
  } else {
    reveal(document);
  }
  document.addEventListener("htmx:afterSwap", function (event) { reveal(event.target); });
})();
