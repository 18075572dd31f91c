// Names for the admin widgets that Django's own scripts build without one (WCAG 4.1.2). Only
// what the scripts add is touched: without script the plain select boxes keep their labels.
//  - The autocomplete box (select2) is named by the text it shows, which is empty until
//    something is chosen: it is named by the field's label too.
//  - The search icon of a filter box (SelectFilter2) carries aria-label on a plain span, which
//    ARIA forbids: it is given the role of an image, which that name then describes.
const nameAdminWidgets = (root) => {
  root.querySelectorAll("select.admin-autocomplete").forEach((select) => {
    const label = document.querySelector(`label[for='${select.id}']`);
    const box = select.parentElement.querySelector(".select2-selection[role='combobox']");
    if (!label || !box) {
      return;
    }
    label.id = label.id || `${select.id}-label`;
    const shown = box.getAttribute("aria-labelledby") || "";
    if (!shown.split(" ").includes(label.id)) {
      box.setAttribute("aria-labelledby", `${label.id} ${shown}`.trim());
    }
    // The text box inside that shows the choice is named by the label as well.
    box.querySelectorAll(".select2-selection__rendered[role='textbox']").forEach((text) => {
      text.setAttribute("aria-labelledby", label.id);
    });
  });
  root.querySelectorAll(".help-tooltip.search-label-icon[aria-label]").forEach((icon) => {
    icon.setAttribute("role", "img");
  });
};

// After the admin's own load handlers, which build these widgets.
window.addEventListener("load", () => setTimeout(() => nameAdminWidgets(document)));
document.addEventListener("formset:added", (event) => {
  setTimeout(() => nameAdminWidgets(event.target));
});
