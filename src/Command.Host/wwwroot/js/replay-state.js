// Whether the replay shown plays, and how fast, in words: its driver and everyone watching it read the same, since the
// replay's own frames say it (a play, pause or change of speed at once).
import { speed } from './format.js';

export class ReplayState {
  constructor(element, replay, picture) {
    this.element = element;
    this.replay = replay;
    this.picture = picture;
    setInterval(() => this.render(), 250);
  }

  render() {
    const state = !this.replay.shown ? 'none' : this.picture.rate > 0 ? 'playing' : 'paused';
    const text = state === 'none' ? '—' : state === 'paused' ? '❚❚ PAUSED' : `▶ PLAYING ${speed(this.picture.rate)}`;
    if (this.element.textContent === text) return;
    this.element.textContent = text;
    this.element.dataset.state = state;
  }
}
