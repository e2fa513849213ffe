import { useSignal } from '@preact/signals';
import { ApiError } from '../api';
import { signedOutReason, signIn } from '../session';

/** Sign-in form for agents and admins. */
export function Login() {
  const error = useSignal('');
  const busy = useSignal(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    busy.value = true;
    error.value = '';
    try {
      await signIn(String(form.get('email')), String(form.get('password')));
    } catch (e) {
      error.value =
        e instanceof ApiError && e.status === 401
          ? 'Wrong email or password.'
          : `Could not sign in: ${(e as Error).message}`;
    } finally {
      busy.value = false;
    }
  };
  return (
    <main class="login">
      <form class="card login-card" onSubmit={submit} aria-labelledby="login-title">
        <h1 id="login-title">Frontdesk console</h1>
        <label>
          Email
          <input name="email" type="email" autocomplete="username" required autofocus />
        </label>
        <label>
          Password
          <input name="password" type="password" autocomplete="current-password" required />
        </label>
        {signedOutReason.value && !error.value && <p role="status">{signedOutReason.value}</p>}
        {error.value && (
          <p class="error" role="alert">
            {error.value}
          </p>
        )}
        <button type="submit" class="primary" disabled={busy.value}>
          {busy.value ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
