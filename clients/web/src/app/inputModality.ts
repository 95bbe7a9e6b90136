/**
 * Whether the person is using the keyboard or a pointer just now, on <html data-input="keyboard|pointer">. The app
 * moves focus itself after a navigation (to the new page's heading) or a failure (to the message): the focus ring
 * shows there for keyboard users, who need to see where they are, and not for someone who just clicked a link.
 */
export function trackInputModality(): void {
  const root = document.documentElement;
  root.dataset.input = "pointer";
  document.addEventListener(
    "keydown",
    (event) => {
      if (!["Shift", "Control", "Alt", "Meta"].includes(event.key)) {
        root.dataset.input = "keyboard";
      }
    },
    true,
  );
  document.addEventListener("pointerdown", () => (root.dataset.input = "pointer"), true);
}
