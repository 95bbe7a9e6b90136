import type { FormProblem } from "../app/problems";
import type { SummaryItem } from "./ErrorSummary";

/**
 * The error summary's lines for a failed submission: one per field message the form shows (linked to its field,
 * whose id is the field's name), then the general message when no field explains the failure.
 */
export function summaryOf(problem: FormProblem | null, labels: Record<string, string>): SummaryItem[] {
  if (!problem) {
    return [];
  }
  const items: SummaryItem[] = [];
  const unplaced: string[] = [];
  for (const [field, messages] of Object.entries(problem.fields)) {
    const label = labels[field];
    for (const message of messages) {
      if (label) {
        items.push({ fieldId: field, text: message });
      } else {
        unplaced.push(message);
      }
    }
  }
  if (items.length === 0 && unplaced.length === 0) {
    return [{ text: problem.message }];
  }
  return [...items, ...unplaced.map((text) => ({ text }))];
}
