import { desktopBlocked, notifySettings, setNotify } from '../notifications';

/** The agent's notification switches (remembered on this browser): sound, and desktop notifications. */
export function NotifyToggles() {
  const { sound, desktop } = notifySettings.value;
  return (
    <fieldset class="notify-toggles">
      <legend>Notifications</legend>
      <label class="check">
        <input
          type="checkbox"
          checked={sound}
          onChange={(e) => void setNotify({ sound: (e.currentTarget as HTMLInputElement).checked })}
        />
        Sound
      </label>
      <label class="check">
        <input
          type="checkbox"
          checked={desktop}
          // The browser asks for permission here, from this click, never when the console loads.
          onChange={(e) => void setNotify({ desktop: (e.currentTarget as HTMLInputElement).checked })}
        />
        Desktop alerts
      </label>
      {desktopBlocked.value && <p class="hint">Blocked by the browser: allow notifications for this site.</p>}
    </fieldset>
  );
}
