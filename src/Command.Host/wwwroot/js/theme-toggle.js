// The header's Light button: pressed while the page is light; a press switches and the browser keeps the choice.
export function bindThemeToggle(button, theme = window.commandTheme) {
  const show = () => button.setAttribute('aria-pressed', String(theme.current === 'light'));
  button.addEventListener('click', () => theme.choose(theme.current === 'light' ? 'dark' : 'light'));
  document.addEventListener('themechange', show);
  show();
}
