// Two repairs for the page a reader gets, run once the page (and the theme's own scripts) are in.
//
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
  // Label in name (WCAG 2.5.3): a theme control whose aria-label leaves out its visible text
  // (the search button's "Ctrl+K", the colour-mode switch, the "show code" toggles) is named by
  // that text, so a voice-control user can say what they see; the icons inside such a control
  // (the colour-mode switch's "Light" and "Dark" pictures) are decoration beside its label.
  const quietIcons = (control) => {
    for (const icon of control.querySelectorAll("svg, i")) {
      icon.setAttribute("aria-hidden", "true");
      icon.removeAttribute("role");
      icon.removeAttribute("aria-labelledby");
      icon.removeAttribute("title");  // an <i> not yet drawn by Font Awesome would become a titled image
      for (const title of icon.querySelectorAll("title")) title.remove();
    }
  };
  const nameByText = () => {
    for (const control of document.querySelectorAll("button[aria-label], summary[aria-label], a[aria-label]")) {
      quietIcons(control);
      // Font Awesome may draw the icons later; quiet them again when it does.
      new MutationObserver(() => quietIcons(control)).observe(control, {childList: true, subtree: true});
      const visible = control.innerText.replace(/\s+/g, " ").trim();
      if (visible && !control.getAttribute("aria-label").toLowerCase().includes(visible.toLowerCase())) {
        control.setAttribute("aria-label", visible);
      }
    }
  };
  const run = () => { setUp(); nameByText(); };
  if (document.readyState === "complete") run();
  else window.addEventListener("load", run);
})();
