// A short two-note chime, generated with Web Audio: no sound file to fetch. Shared by the widget (a team message
// while the panel is closed) and the console (a visitor message for the agent); each picks its own notes.

/** The notes of a chime. */
export interface Chime {
  /** First note, Hz. */
  from: number;
  /** Second note, Hz (starts a third of the way in). */
  to: number;
  /** Peak volume, 0–1. */
  volume: number;
  /** Length in seconds. */
  seconds: number;
  /** Oscillator wave; sine when left out. */
  wave?: OscillatorType;
}

/** Play a chime. Silent where Web Audio is missing or the page has not been used yet (autoplay rules). */
export function tone({ from, to, volume, seconds, wave = 'sine' }: Chime): void {
  try {
    const ctx = new AudioContext();
    const gain = ctx.createGain();
    gain.connect(ctx.destination);
    const now = ctx.currentTime;
    gain.gain.setValueAtTime(0.0001, now);
    gain.gain.exponentialRampToValueAtTime(volume, now + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, now + seconds);
    const osc = ctx.createOscillator();
    osc.type = wave;
    osc.frequency.setValueAtTime(from, now);
    osc.frequency.setValueAtTime(to, now + seconds * 0.3);
    osc.connect(gain);
    osc.onended = () => void ctx.close();
    osc.start(now);
    osc.stop(now + seconds);
  } catch {
    // No Web Audio here: stay silent.
  }
}
