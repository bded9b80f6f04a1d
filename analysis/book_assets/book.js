// Figures open full-size on tap: each figure image becomes a button that shows the image at
// its natural size in an overlay (scroll or pinch to read it on a phone); a tap, Escape or the
// close button returns to the page. No library, nothing fetched.
(() => {
  const open = (img, opener) => {
    const overlay = document.createElement("div");
    overlay.className = "figure-overlay";
    overlay.setAttribute("role", "dialog");
    overlay.setAttribute("aria-modal", "true");
    overlay.setAttribute("aria-label", "Figure at full size (tap or press Escape to close)");
    overlay.tabIndex = -1;
    const full = document.createElement("img");
    full.src = img.currentSrc || img.src;
    full.alt = img.alt;
    overlay.appendChild(full);
    const close = () => {
      overlay.remove();
      document.removeEventListener("keydown", onKey);
      opener.focus();
    };
    const onKey = (event) => { if (event.key === "Escape") close(); };
    overlay.addEventListener("click", close);
    document.addEventListener("keydown", onKey);
    document.body.appendChild(overlay);
    overlay.focus();
  };
  const setUp = () => {
    for (const img of document.querySelectorAll(".bd-article figure img, .bd-article .cell_output img")) {
      if (img.closest(".figure-zoom")) continue;
      const button = document.createElement("button");
      button.type = "button";
      button.className = "figure-zoom";
      button.setAttribute("aria-label", `Open at full size: ${img.alt}`);
      img.replaceWith(button);
      button.appendChild(img);
      button.addEventListener("click", () => open(img, button));
    }
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUp);
  else setUp();
})();
