// The commander's name, sent as X-Actor with every command so the recording says who did what.

const key = 'command.actor';
const fallback = 'commander';

export function actorName() {
  const stored = localStorage.getItem(key)?.trim();
  return stored ? stored : fallback;
}

export function bindActorField(input) {
  input.value = actorName();
  input.addEventListener('change', () => {
    const value = input.value.trim();
    if (value) localStorage.setItem(key, value); else localStorage.removeItem(key);
    input.value = actorName();
  });
}
