// The page's theme, dark or light, set before the page is drawn (a classic script in the head, so a light room never
// sees a dark flash). It follows the system's preference (a light scheme, or more contrast asked for without a dark
// scheme) until the header's Light button picks one, which the browser keeps. Views that paint in the page's colours
// (the units' canvas, the site plan) hear "themechange" on the document and read them again.
(() => {
  const key = 'command.theme';
  const root = document.documentElement;
  const preferred = matchMedia('(prefers-color-scheme: light), (prefers-contrast: more) and (not (prefers-color-scheme: dark))');
  const stored = () => {
    try {
      const value = localStorage.getItem(key);
      return value === 'light' || value === 'dark' ? value : null;
    } catch {
      return null;
    }
  };
  const apply = () => {
    const theme = stored() ?? (preferred.matches ? 'light' : 'dark');
    if (root.dataset.theme === theme) return;
    root.dataset.theme = theme;
    document.dispatchEvent(new CustomEvent('themechange', { detail: theme }));
  };
  apply();
  preferred.addEventListener('change', apply);
  // Another tab's choice is this one's too: a wall board and the laptop beside it on the same browser agree.
  addEventListener('storage', e => { if (e.key === key) apply(); });
  window.commandTheme = {
    get current() { return root.dataset.theme; },
    /** Keeps the given theme ('light' or 'dark') for this browser. */
    choose(theme) {
      try {
        localStorage.setItem(key, theme);
      } catch {
        // A browser that keeps nothing (private mode, storage off) still switches for this page.
      }
      root.dataset.theme = theme;
      document.dispatchEvent(new CustomEvent('themechange', { detail: theme }));
    },
  };
})();
