import { useSignal } from '@preact/signals';
import { ApiError } from '../api';
import { navigate, route } from '../router';
import { acceptInvite } from '../session';

/** `#/invite/<code>`: someone invited to a site chooses their password, and is signed in. */
export function InviteAccept() {
  const error = useSignal('');
  const busy = useSignal(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const password = String(form.get('password'));
    if (password !== String(form.get('again'))) {
      error.value = 'The two passwords differ.';
      return;
    }
    busy.value = true;
    error.value = '';
    try {
      await acceptInvite(route.value[1] ?? '', password);
      navigate('inbox');
    } catch (e) {
      error.value =
        e instanceof ApiError && e.status === 400
          ? e.issues.map((i) => i.message).join('; ') || e.message
          : (e as Error).message;
    } finally {
      busy.value = false;
    }
  };
  return (
    <main class="login">
      <form class="card login-card" onSubmit={submit} aria-labelledby="invite-title">
        <h1 id="invite-title">Welcome to Frontdesk</h1>
        <p class="muted">Choose the password you will sign in with (at least 8 characters).</p>
        <label>
          Password
          <input
            name="password"
            type="password"
            autocomplete="new-password"
            minLength={8}
            required
            autofocus
          />
        </label>
        <label>
          Password again
          <input name="again" type="password" autocomplete="new-password" minLength={8} required />
        </label>
        {error.value && (
          <p class="error" role="alert">
            {error.value}
          </p>
        )}
        <button type="submit" class="primary" disabled={busy.value}>
          {busy.value ? 'Saving…' : 'Set password and sign in'}
        </button>
        <a href="#/inbox">I already have a password</a>
      </form>
    </main>
  );
}
