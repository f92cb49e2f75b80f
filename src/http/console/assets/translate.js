// The translation page: "use this" fills the field in place (the buttons also work without this script, by
// posting the form). The rule mirrors src/http/console/use-proposal.ts.
const replaceFirst = (text, find, put) => {
  const at = text.indexOf(find);
  return at < 0 ? text : text.slice(0, at) + put + text.slice(at + find.length);
};

const useProposal = (current, choice, chosen) => {
  const known = [choice.source, ...choice.candidates].filter((text) => text.trim() !== "").sort((a, b) => b.length - a.length);
  const found = known.find((text) => current.includes(text));
  if (found !== undefined) return replaceFirst(current, found, chosen);
  if (current.trim() === "") return replaceFirst(choice.sourceField, choice.source, chosen);
  return `${current.replace(/\s+$/, "")} ${chosen}`;
};

document.addEventListener("click", (event) => {
  const button = event.target instanceof Element ? event.target.closest("button[data-field]") : null;
  if (!button) return;
  const field = document.getElementById(`target-${button.dataset.field}`);
  if (!field) return;
  event.preventDefault();
  if (button.dataset.fill !== undefined) {
    field.value = button.dataset.fill;
  } else {
    const sentence = button.closest("[data-sentence]");
    const choice = JSON.parse(sentence.dataset.sentence);
    field.value = useProposal(field.value, choice, button.dataset.text);
  }
  field.dispatchEvent(new Event("input", { bubbles: true }));
  field.focus();
  const status = document.getElementById("translate-status");
  if (status) status.textContent = status.dataset.placed;
});

// the SMS length under the summary was counted for the text as loaded: say it is counted again on saving
document.getElementById("target-summary")?.addEventListener("input", () => {
  const hint = document.getElementById("sms-hint");
  if (hint?.dataset.stale) hint.textContent = hint.dataset.stale;
});
