/** Building the page: elements with a class and text (never HTML), and the toolkit's buttons. */

/** A @vscode-elements control: its state lives in properties the DOM types do not know. */
export type Control = HTMLElement & { disabled?: boolean; value?: string; checked?: boolean };

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className?: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

export function button(
  label: string,
  onClick: () => void,
  options: { secondary?: boolean; disabled?: boolean } = {},
): Control {
  const b = document.createElement('vscode-button') as Control;
  b.textContent = label;
  if (options.secondary) b.setAttribute('secondary', '');
  if (options.disabled) b.setAttribute('disabled', '');
  b.addEventListener('click', onClick);
  return b;
}
