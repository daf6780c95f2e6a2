// Decision support: a copy button for the secret link to a saved readiness assessment.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("button.copy-link[data-copy]").forEach((button) => {
    const field = document.querySelector(button.dataset.copy);
    if (!field || !navigator.clipboard) return;
    button.hidden = false;
    button.addEventListener("click", () => {
      navigator.clipboard.writeText(field.value).then(() => {
        button.textContent = button.dataset.done || "✓";
      });
    });
  });
  document.querySelectorAll("input.secret-url").forEach((field) => {
    field.addEventListener("focus", () => field.select());
  });
});
