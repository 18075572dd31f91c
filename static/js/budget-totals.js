// The budget's totals on the application form follow the lines as the association types.
// Progressive enhancement: without this script the totals are those of the saved draft, and
// the page says so. The rule is the same as puljer.services.budget_totals: the most that may
// be applied for is the expenses minus own funding and other funding granted.
document.addEventListener("DOMContentLoaded", () => {
  const lines = document.querySelector(".budget-lines");
  const totals = document.querySelector(".budget-totals");
  if (!lines || !totals) {
    return;
  }
  const locale = document.documentElement.lang || "da";
  const numbers = new Intl.NumberFormat(locale === "da" ? "da-DK" : locale, {
    maximumFractionDigits: 0,
  });
  const kroner = (amount) => totals.dataset.kroner.replace("%(amount)s", numbers.format(amount));

  const update = () => {
    const sums = { expense: 0, own: 0, other_granted: 0, other_sought: 0 };
    lines.querySelectorAll(".budget-line").forEach((line) => {
      const kind = line.querySelector("select[name$='-kind']");
      const amount = line.querySelector("input[name$='-amount']");
      const deleted = line.querySelector("input[name$='-DELETE']");
      const value = Number.parseInt(amount ? amount.value : "", 10);
      if (!kind || !(kind.value in sums) || Number.isNaN(value) || value < 0) {
        return;
      }
      if (!(deleted && deleted.checked)) {
        sums[kind.value] += value;
      }
    });
    sums.fundable = Math.max(sums.expense - sums.own - sums.other_granted, 0);
    Object.entries(sums).forEach(([name, sum]) => {
      const cell = totals.querySelector(`[data-total='${name}']`);
      if (cell) {
        cell.textContent = kroner(sum);
      }
    });
  };

  lines.addEventListener("input", update);
  lines.addEventListener("change", update);
  document.querySelector("[data-totals-note='saved']").hidden = true;
  document.querySelector("[data-totals-note='live']").hidden = false;
  update();
});
